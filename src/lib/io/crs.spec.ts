import { describe, expect, it } from 'vitest';
import { detectCrs, normalizeCrs, toLonLat } from './crs';

describe('plane rectangular zones to lon/lat', () => {
  // Reference values from GDAL 3 (gdaltransform -s_srs EPSG:zone -t_srs "+proj=longlat +ellps=GRS80").
  it.each([
    ['EPSG:6676', 11000, -125000, 138.620324211017, 34.8731799933355],
    ['EPSG:6669', -20000, 50000, 129.284867569808, 33.4506806268427],
    ['EPSG:6687', 15000, -30000, 154.14949730591, 25.7291037006576],
    ['EPSG:6680', -5000, 12000, 142.187541039614, 44.1079916039722]
  ])('%s (%d, %d) agrees with GDAL to 1e-9°', (code, x, y, lon, lat) => {
    const [gotLon, gotLat] = toLonLat(code)!(x, y);
    expect(Math.abs(gotLon - lon)).toBeLessThan(1e-9);
    expect(Math.abs(gotLat - lat)).toBeLessThan(1e-9);
  });

  it('reads the names users and files give', () => {
    expect(normalizeCrs('6676')).toBe('EPSG:6676');
    expect(normalizeCrs('urn:ogc:def:crs:EPSG::6676')).toBe('EPSG:6676');
    expect(normalizeCrs('urn:ogc:def:crs:OGC:1.3:CRS84')).toBe('EPSG:4326');
    expect(normalizeCrs('EPSG:6668')).toBe('EPSG:6668');
    expect(normalizeCrs('EPSG:3857')).toBeNull();
  });

  it('detects lon/lat, and the zone that puts planar metres nearest the city', () => {
    expect(detectCrs([[138.26, 34.87]], null)).toEqual({ ok: true, code: 'EPSG:4326' });
    expect(detectCrs([[11000, -125000]], [138.26, 34.87])).toEqual({ ok: true, code: 'EPSG:6676' });
    const far = detectCrs([[11000, -125000]], [141.35, 43.06]);
    expect(far.ok).toBe(false);
    // Said in both languages: the import page shows the reader's.
    expect(far).toMatchObject({
      reason: expect.stringMatching(/no zone puts them within 60 km/),
      reasonJa: expect.stringMatching(/どの系でも市から 60 km 以内に入りません/)
    });
    expect(detectCrs([[11000, -125000]], null)).toMatchObject({ ok: false });
    expect(detectCrs([[5e6, 5e6]], [138.26, 34.87])).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/neither lon\/lat/)
    });
  });
});
