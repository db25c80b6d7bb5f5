/** shpjs ships no types: the one call Hozen makes (io/shapefile.ts). */
declare module 'shpjs' {
  export default function shp(input: {
    shp: Uint8Array;
    dbf?: Uint8Array;
    cpg?: string;
    prj?: string;
  }): Promise<unknown>;
}
