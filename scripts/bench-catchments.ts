/**
 * `npm run bench:catchments [-- --runs 5 --areas 10000 --facilities 1000]`: the people within reach
 * of every facility (2 km, one age band, three years) over a grid of small areas with projected
 * cohorts — the work a catchment page or ranking does — and the access to one service over ten
 * years (engine/access.ts) on the same grid. Medians of the runs.
 */
import os from 'node:os';
import {
  catchment,
  roadCatchment,
  type PopulationOutlook
} from '../src/lib/server/services/population.service';
import { inBand, projectAreas, AGE_GROUPS, type Cohorts } from '../src/lib/engine/population';
import { accessSeries } from '../src/lib/engine/access';
import { RoadNetwork } from '../src/lib/engine/road-network';
import { DEFAULT_PROJECTION } from '../src/lib/engine/population-defaults';
import { intFlag, parseFlags, runCli } from './lib/cli';

runCli(async () => {
  const flags = parseFlags(process.argv.slice(2), {
    runs: 'string',
    areas: 'string',
    facilities: 'string'
  });
  const runs = intFlag(flags.runs, '--runs', 1, 50, 5);
  const n = intFlag(flags.areas, '--areas', 1, 1_000_000, 10_000);
  const m = intFlag(flags.facilities, '--facilities', 1, 100_000, 1_000);
  const side = Math.ceil(Math.sqrt(n));
  const cell = 0.5 / 60; // a 1 km grid
  const base: Cohorts[] = Array.from({ length: n }, (_, k) => ({
    m: new Array<number>(AGE_GROUPS).fill(10 + (k % 7)),
    f: new Array<number>(AGE_GROUPS).fill(10 + (k % 5))
  }));
  const projected = projectAreas(base, 2020, 2060, DEFAULT_PROJECTION);
  const o: PopulationOutlook = {
    censusYear: 2020,
    years: projected.years,
    areas: projected.areas.map((cohorts, k) => ({
      code: String(k),
      name: String(k),
      lon: 138 + (k % side) * cell * 1.5,
      lat: 34 + Math.floor(k / side) * cell,
      geometry: 'null',
      cohorts
    })),
    totals: [],
    params: DEFAULT_PROJECTION,
    scaled: false
  };
  const times: number[] = [];
  let sum = 0;
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (let f = 0; f < m; f++) {
      const k = Math.floor((f * n) / m);
      sum += catchment(o, o.areas[k]!, 2_000, 'children6to11', [2020, 2035, 2050])[0]!;
    }
    times.push(performance.now() - started);
  }
  // Access: every area's nearest of the facilities (4 km), ten years, a third closing midway.
  const years = [2020, 2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060, 2065];
  const areas = o.areas.map((a) => ({
    lon: a.lon,
    lat: a.lat,
    people: years.map((_, k) =>
      inBand(a.cohorts[Math.min(k, a.cohorts.length - 1)]!, 'children6to11')
    )
  }));
  const points = Array.from({ length: m }, (_, f) => {
    const a = o.areas[Math.floor((f * n) / m)]!;
    return { lon: a.lon, lat: a.lat, from: -Infinity, until: f % 3 ? Infinity : 2040 };
  });
  const accessTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    sum += accessSeries(areas, points, 4_000, years).at(-1)!.worsened;
    accessTimes.push(performance.now() - started);
  }
  accessTimes.sort((a, b) => a - b);

  // Along the roads: a street every 250 m over the grid's extent, 2 km from each facility.
  const lons = o.areas.map((a) => a.lon);
  const latsAll = o.areas.map((a) => a.lat);
  const [w, e, s0, nn] = [
    Math.min(...lons),
    Math.max(...lons),
    Math.min(...latsAll),
    Math.max(...latsAll)
  ];
  const step = cell / 4;
  const lines: [number, number][][] = [];
  for (let y = s0; y <= nn; y += step)
    lines.push(
      [
        [w, y],
        [e, y]
      ].map(([x, yy]) => [x!, yy!])
    );
  for (let x = w; x <= e; x += step * 1.5)
    lines.push(
      [
        [x, s0],
        [x, nn]
      ].map(([xx, y]) => [xx!, y!])
    );
  // Split each street at its crossings so that streets meet.
  const split = lines.flatMap((l) => {
    const horizontal = l[0]![1] === l[1]![1];
    const out: [number, number][][] = [];
    const ticks = horizontal
      ? Array.from({ length: Math.floor((e - w) / (step * 1.5)) + 1 }, (_, k) => w + k * step * 1.5)
      : Array.from({ length: Math.floor((nn - s0) / step) + 1 }, (_, k) => s0 + k * step);
    for (let k = 1; k < ticks.length; k++)
      out.push(
        horizontal
          ? [
              [ticks[k - 1]!, l[0]![1]],
              [ticks[k]!, l[0]![1]]
            ]
          : [
              [l[0]![0], ticks[k - 1]!],
              [l[0]![0], ticks[k]!]
            ]
      );
    return out;
  });
  const net = RoadNetwork.fromLines(split)!;
  const roadTimes: number[] = [];
  for (let r = 0; r < runs; r++) {
    const started = performance.now();
    for (let f = 0; f < m; f++) {
      const k = Math.floor((f * n) / m);
      sum += roadCatchment(o, net, o.areas[k]!, 2_000, 'children6to11', [2020, 2035, 2050])[0]!;
    }
    roadTimes.push(performance.now() - started);
  }
  roadTimes.sort((a, b) => a - b);
  console.log(
    `Along the roads (same machine): ${m} facilities over ${n} areas and ${net.size} road points, 2 km, 3 years: median ${Math.round(roadTimes[Math.floor(runs / 2)]!)} ms of ${runs} runs`
  );
  times.sort((a, b) => a - b);
  console.log(
    `Access (same machine): ${m} facilities over ${n} areas, 4 km, ${years.length} years: median ${Math.round(accessTimes[Math.floor(runs / 2)]!)} ms of ${runs} runs`
  );
  console.log(
    `Catchments (${os.cpus().length}× ${os.cpus()[0]?.model.trim()}, Node ${process.version}): ${m} facilities over ${n} areas, 3 years: median ${Math.round(times[Math.floor(runs / 2)]!)} ms of ${runs} runs (check ${Math.round(sum)})`
  );
});
