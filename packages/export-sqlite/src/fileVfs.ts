// A SQLite VFS (the layer SQLite reads and writes files through) over Node's synchronous
// file functions, so that the database is built in a file on disk instead of in the
// WebAssembly heap. The WebAssembly build of SQLite has no file system of its own in Node
// (only memory databases), and a WebAssembly heap never shrinks: a 566 MiB database of
// 100,000 engagements, built in memory, kept more than 600 MiB of the process's memory for
// the rest of the build. Through this VFS SQLite holds only its page cache (a few MiB) and
// the sorter's buffers; everything else is in the file, and the temporary files of index
// building (the sorter's spills) go to files too.
//
// The methods follow SQLite's VFS contract (https://sqlite.org/c3ref/vfs.html and
// https://sqlite.org/c3ref/io_methods.html), written the way @sqlite.org/sqlite-wasm's own
// JavaScript VFS (opfs-sahpool) is. One process builds one database at a time, with no
// other reader: locks are no-ops, and nothing is synced (the build swaps its outputs in
// only once every file is written).
import { closeSync, constants, fstatSync, ftruncateSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Sqlite3Static } from '@sqlite.org/sqlite-wasm';

/** The VFS's name, as given to `new sqlite3.oo1.DB({ vfs })`. */
export const FILE_VFS = 'engagements-node-file';

interface OpenFile {
  fd: number;
  path: string;
  deleteOnClose: boolean;
}

const installed = new WeakSet<Sqlite3Static>();

/** Registers the VFS with this SQLite module (once per module). */
export function installFileVfs(sqlite3: Sqlite3Static): void {
  if (installed.has(sqlite3)) return;
  const { capi, wasm } = sqlite3;
  const cName = (pointer: number): string => wasm.cstrToJs(pointer) ?? '';
  // The struct members of the binder (`$`-prefixed) are not in the package's typings.
  type Struct = { pointer: number; dispose(): void; addOnDispose(...things: unknown[]): void } & Record<`$${string}`, unknown>;
  const struct = (value: unknown): Struct => value as Struct;
  const files = new Map<number, OpenFile>();
  // Temporary files (no name) go in the folder of the last database opened by name.
  let tempDir = tmpdir();
  let tempCount = 0;
  const SECTOR_SIZE = 4096;

  const ioMethods = {
    xCheckReservedLock(_pFile: number, pOut: number): number {
      wasm.poke32(pOut, 0);
      return 0;
    },
    xClose(pFile: number): number {
      const file = files.get(pFile);
      if (!file) return 0;
      files.delete(pFile);
      try {
        closeSync(file.fd);
        if (file.deleteOnClose) rmSync(file.path, { force: true });
        return 0;
      } catch {
        return capi.SQLITE_IOERR_CLOSE;
      }
    },
    xDeviceCharacteristics(): number {
      return 0;
    },
    xFileControl(): number {
      return capi.SQLITE_NOTFOUND;
    },
    xFileSize(pFile: number, pSize64: number): number {
      try {
        wasm.poke64(pSize64, BigInt(fstatSync(files.get(pFile)!.fd).size));
        return 0;
      } catch {
        return capi.SQLITE_IOERR_FSTAT;
      }
    },
    xLock(): number {
      return 0;
    },
    xRead(pFile: number, pDest: number, n: number, offset64: bigint | number): number {
      try {
        const heap = wasm.heap8u();
        let done = 0;
        while (done < n) {
          const got = readSync(files.get(pFile)!.fd, heap, pDest + done, n - done, Number(offset64) + done);
          if (got === 0) break;
          done += got;
        }
        if (done < n) {
          // SQLite's contract: a short read fills the rest with zeros.
          heap.fill(0, pDest + done, pDest + n);
          return capi.SQLITE_IOERR_SHORT_READ;
        }
        return 0;
      } catch {
        return capi.SQLITE_IOERR_READ;
      }
    },
    xSectorSize(): number {
      return SECTOR_SIZE;
    },
    xSync(): number {
      return 0;
    },
    xTruncate(pFile: number, size64: bigint | number): number {
      try {
        ftruncateSync(files.get(pFile)!.fd, Number(size64));
        return 0;
      } catch {
        return capi.SQLITE_IOERR_TRUNCATE;
      }
    },
    xUnlock(): number {
      return 0;
    },
    xWrite(pFile: number, pSrc: number, n: number, offset64: bigint | number): number {
      try {
        const heap = wasm.heap8u();
        let done = 0;
        while (done < n) done += writeSync(files.get(pFile)!.fd, heap, pSrc + done, n - done, Number(offset64) + done);
        return 0;
      } catch {
        return capi.SQLITE_IOERR_WRITE;
      }
    },
  };
  const io = new capi.sqlite3_io_methods();
  struct(io).$iVersion = 1;
  sqlite3.vfs.installVfs({ io: { struct: io, methods: ioMethods } });

  const vfsMethods = {
    xAccess(_pVfs: number, zName: number, _flags: number, pOut: number): number {
      let exists = false;
      try {
        exists = statSync(cName(zName)).size >= 0;
      } catch {
        exists = false;
      }
      wasm.poke32(pOut, exists ? 1 : 0);
      return 0;
    },
    xCurrentTime(_pVfs: number, pOut: number): number {
      wasm.poke(pOut, 2440587.5 + Date.now() / 86400000, 'double');
      return 0;
    },
    xCurrentTimeInt64(_pVfs: number, pOut: number): number {
      wasm.poke(pOut, 2440587.5 * 86400000 + Date.now(), 'i64');
      return 0;
    },
    xDelete(_pVfs: number, zName: number): number {
      try {
        rmSync(cName(zName), { force: true });
        return 0;
      } catch {
        return capi.SQLITE_IOERR_DELETE;
      }
    },
    xFullPathname(_pVfs: number, zName: number, nOut: number, pOut: number): number {
      const written = wasm.cstrncpy(pOut, zName, nOut);
      return written < nOut ? 0 : capi.SQLITE_CANTOPEN;
    },
    xGetLastError(): number {
      return 0;
    },
    xOpen(_pVfs: number, zName: number, pFile: number, flags: number, pOutFlags: number): number {
      try {
        // No name: a temporary file (the sorter's spills), beside the database.
        const anonymous = !zName || wasm.peek8(zName) === 0;
        const file = anonymous ? path.join(tempDir, `.temp-${process.pid}-${++tempCount}`) : cName(zName);
        if (!anonymous && flags & capi.SQLITE_OPEN_MAIN_DB) tempDir = path.dirname(file);
        const create = flags & capi.SQLITE_OPEN_CREATE ? constants.O_CREAT : 0;
        const fd = openSync(file, constants.O_RDWR | create | (anonymous ? constants.O_EXCL : 0), 0o644);
        files.set(pFile, { fd, path: file, deleteOnClose: anonymous || (flags & capi.SQLITE_OPEN_DELETEONCLOSE) !== 0 });
        const handle = struct(new capi.sqlite3_file(pFile));
        handle.$pMethods = struct(io).pointer;
        handle.dispose();
        wasm.poke32(pOutFlags, flags);
        return 0;
      } catch {
        return capi.SQLITE_CANTOPEN;
      }
    },
    xRandomness(_pVfs: number, nOut: number, pOut: number): number {
      // Only for temporary names and the like: nothing random reaches the database file.
      const heap = wasm.heap8u();
      for (let i = 0; i < nOut; i++) heap[pOut + i] = (Math.random() * 256) & 0xff;
      return nOut;
    },
    xSleep(): number {
      return 0;
    },
  };
  const vfs = new capi.sqlite3_vfs();
  const v = struct(vfs);
  v.$iVersion = 2;
  v.$szOsFile = (capi.sqlite3_file as unknown as { structInfo: { sizeof: number } }).structInfo.sizeof;
  v.$mxPathname = 1024;
  v.addOnDispose((v.$zName = wasm.allocCString(FILE_VFS, false)));
  sqlite3.vfs.installVfs({ vfs: { struct: vfs, methods: vfsMethods } });
  installed.add(sqlite3);
}
