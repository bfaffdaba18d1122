import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  debug,
  error,
  getState,
  group,
  info,
  notice,
  require_semver,
  saveState,
  setFailed,
  setOutput,
  setSecret,
  warning
} from "./chunk-SDIGK4BL.js";
import {
  __commonJS,
  __require,
  __toESM
} from "./chunk-6LYVYBIT.js";

// node_modules/events-universal/default.js
var require_default = __commonJS({
  "node_modules/events-universal/default.js"(exports, module) {
    module.exports = __require("events");
  }
});

// node_modules/fast-fifo/fixed-size.js
var require_fixed_size = __commonJS({
  "node_modules/fast-fifo/fixed-size.js"(exports, module) {
    module.exports = class {
      constructor(hwm) {
        if (!(hwm > 0) || (hwm - 1 & hwm) !== 0) throw new Error("Max size for a FixedFIFO should be a power of two");
        this.buffer = new Array(hwm), this.mask = hwm - 1, this.top = 0, this.btm = 0, this.next = null;
      }
      clear() {
        this.top = this.btm = 0, this.next = null, this.buffer.fill(void 0);
      }
      push(data) {
        return this.buffer[this.top] !== void 0 ? !1 : (this.buffer[this.top] = data, this.top = this.top + 1 & this.mask, !0);
      }
      shift() {
        let last = this.buffer[this.btm];
        if (last !== void 0)
          return this.buffer[this.btm] = void 0, this.btm = this.btm + 1 & this.mask, last;
      }
      peek() {
        return this.buffer[this.btm];
      }
      isEmpty() {
        return this.buffer[this.btm] === void 0;
      }
    };
  }
});

// node_modules/fast-fifo/index.js
var require_fast_fifo = __commonJS({
  "node_modules/fast-fifo/index.js"(exports, module) {
    var FixedFIFO = require_fixed_size();
    module.exports = class {
      constructor(hwm) {
        this.hwm = hwm || 16, this.head = new FixedFIFO(this.hwm), this.tail = this.head, this.length = 0;
      }
      clear() {
        this.head = this.tail, this.head.clear(), this.length = 0;
      }
      push(val) {
        if (this.length++, !this.head.push(val)) {
          let prev = this.head;
          this.head = prev.next = new FixedFIFO(2 * this.head.buffer.length), this.head.push(val);
        }
      }
      shift() {
        this.length !== 0 && this.length--;
        let val = this.tail.shift();
        if (val === void 0 && this.tail.next) {
          let next = this.tail.next;
          return this.tail.next = null, this.tail = next, this.tail.shift();
        }
        return val;
      }
      peek() {
        let val = this.tail.peek();
        return val === void 0 && this.tail.next ? this.tail.next.peek() : val;
      }
      isEmpty() {
        return this.length === 0;
      }
    };
  }
});

// node_modules/b4a/index.js
var require_b4a = __commonJS({
  "node_modules/b4a/index.js"(exports, module) {
    function isBuffer(value) {
      return Buffer.isBuffer(value) || value instanceof Uint8Array;
    }
    function isEncoding(encoding) {
      return Buffer.isEncoding(encoding);
    }
    function alloc(size, fill2, encoding) {
      return Buffer.alloc(size, fill2, encoding);
    }
    function allocUnsafe(size) {
      return Buffer.allocUnsafe(size);
    }
    function allocUnsafeSlow(size) {
      return Buffer.allocUnsafeSlow(size);
    }
    function byteLength(string, encoding) {
      return Buffer.byteLength(string, encoding);
    }
    function compare(a, b) {
      return Buffer.compare(a, b);
    }
    function concat(buffers, totalLength) {
      return Buffer.concat(buffers, totalLength);
    }
    function copy(source, target, targetStart, start, end) {
      return toBuffer(source).copy(target, targetStart, start, end);
    }
    function equals(a, b) {
      return toBuffer(a).equals(b);
    }
    function fill(buffer, value, offset, end, encoding) {
      return toBuffer(buffer).fill(value, offset, end, encoding);
    }
    function from(value, encodingOrOffset, length) {
      return Buffer.from(value, encodingOrOffset, length);
    }
    function includes(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).includes(value, byteOffset, encoding);
    }
    function indexOf(buffer, value, byfeOffset, encoding) {
      return toBuffer(buffer).indexOf(value, byfeOffset, encoding);
    }
    function lastIndexOf(buffer, value, byteOffset, encoding) {
      return toBuffer(buffer).lastIndexOf(value, byteOffset, encoding);
    }
    function swap16(buffer) {
      return toBuffer(buffer).swap16();
    }
    function swap32(buffer) {
      return toBuffer(buffer).swap32();
    }
    function swap64(buffer) {
      return toBuffer(buffer).swap64();
    }
    function toBuffer(buffer) {
      return Buffer.isBuffer(buffer) ? buffer : Buffer.from(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    }
    function toString(buffer, encoding, start, end) {
      return toBuffer(buffer).toString(encoding, start, end);
    }
    function toHex(buffer, start, end) {
      return toBuffer(buffer).toString("hex", start, end);
    }
    function write(buffer, string, offset, length, encoding) {
      return toBuffer(buffer).write(string, offset, length, encoding);
    }
    function readDoubleBE(buffer, offset) {
      return toBuffer(buffer).readDoubleBE(offset);
    }
    function readDoubleLE(buffer, offset) {
      return toBuffer(buffer).readDoubleLE(offset);
    }
    function readFloatBE(buffer, offset) {
      return toBuffer(buffer).readFloatBE(offset);
    }
    function readFloatLE(buffer, offset) {
      return toBuffer(buffer).readFloatLE(offset);
    }
    function readInt32BE(buffer, offset) {
      return toBuffer(buffer).readInt32BE(offset);
    }
    function readInt32LE(buffer, offset) {
      return toBuffer(buffer).readInt32LE(offset);
    }
    function readUInt32BE(buffer, offset) {
      return toBuffer(buffer).readUInt32BE(offset);
    }
    function readUInt32LE(buffer, offset) {
      return toBuffer(buffer).readUInt32LE(offset);
    }
    function writeDoubleBE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleBE(value, offset);
    }
    function writeDoubleLE(buffer, value, offset) {
      return toBuffer(buffer).writeDoubleLE(value, offset);
    }
    function writeFloatBE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatBE(value, offset);
    }
    function writeFloatLE(buffer, value, offset) {
      return toBuffer(buffer).writeFloatLE(value, offset);
    }
    function writeInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32BE(value, offset);
    }
    function writeInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeInt32LE(value, offset);
    }
    function writeUInt32BE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32BE(value, offset);
    }
    function writeUInt32LE(buffer, value, offset) {
      return toBuffer(buffer).writeUInt32LE(value, offset);
    }
    module.exports = {
      isBuffer,
      isEncoding,
      alloc,
      allocUnsafe,
      allocUnsafeSlow,
      byteLength,
      compare,
      concat,
      copy,
      equals,
      fill,
      from,
      includes,
      indexOf,
      lastIndexOf,
      swap16,
      swap32,
      swap64,
      toBuffer,
      toString,
      toHex,
      write,
      readDoubleBE,
      readDoubleLE,
      readFloatBE,
      readFloatLE,
      readInt32BE,
      readInt32LE,
      readUInt32BE,
      readUInt32LE,
      writeDoubleBE,
      writeDoubleLE,
      writeFloatBE,
      writeFloatLE,
      writeInt32BE,
      writeInt32LE,
      writeUInt32BE,
      writeUInt32LE
    };
  }
});

// node_modules/text-decoder/lib/pass-through-decoder.js
var require_pass_through_decoder = __commonJS({
  "node_modules/text-decoder/lib/pass-through-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class {
      constructor(encoding) {
        this.encoding = encoding;
      }
      get remaining() {
        return 0;
      }
      decode(data) {
        return b4a.toString(data, this.encoding);
      }
      flush() {
        return "";
      }
    };
  }
});

// node_modules/text-decoder/lib/utf8-decoder.js
var require_utf8_decoder = __commonJS({
  "node_modules/text-decoder/lib/utf8-decoder.js"(exports, module) {
    var b4a = require_b4a();
    module.exports = class {
      constructor() {
        this._reset();
      }
      get remaining() {
        return this.bytesSeen;
      }
      decode(data) {
        if (data.byteLength === 0) return "";
        if (this.bytesNeeded === 0 && trailingIncomplete(data, 0) === 0)
          return this.bytesSeen = trailingBytesSeen(data), b4a.toString(data, "utf8");
        let result = "", start = 0;
        if (this.bytesNeeded > 0) {
          for (; start < data.byteLength; ) {
            let byte = data[start];
            if (byte < this.lowerBoundary || byte > this.upperBoundary) {
              result += "�", this._reset();
              break;
            }
            if (this.lowerBoundary = 128, this.upperBoundary = 191, this.codePoint = this.codePoint << 6 | byte & 63, this.bytesSeen++, start++, this.bytesSeen === this.bytesNeeded) {
              result += String.fromCodePoint(this.codePoint), this._reset();
              break;
            }
          }
          if (this.bytesNeeded > 0) return result;
        }
        let trailing = trailingIncomplete(data, start), end = data.byteLength - trailing;
        end > start && (result += b4a.toString(data, "utf8", start, end));
        for (let i = end; i < data.byteLength; i++) {
          let byte = data[i];
          if (this.bytesNeeded === 0) {
            byte <= 127 ? (this.bytesSeen = 0, result += String.fromCharCode(byte)) : byte >= 194 && byte <= 223 ? (this.bytesNeeded = 2, this.bytesSeen = 1, this.codePoint = byte & 31) : byte >= 224 && byte <= 239 ? (byte === 224 ? this.lowerBoundary = 160 : byte === 237 && (this.upperBoundary = 159), this.bytesNeeded = 3, this.bytesSeen = 1, this.codePoint = byte & 15) : byte >= 240 && byte <= 244 ? (byte === 240 ? this.lowerBoundary = 144 : byte === 244 && (this.upperBoundary = 143), this.bytesNeeded = 4, this.bytesSeen = 1, this.codePoint = byte & 7) : (this.bytesSeen = 1, result += "�");
            continue;
          }
          if (byte < this.lowerBoundary || byte > this.upperBoundary) {
            result += "�", i--, this._reset();
            continue;
          }
          this.lowerBoundary = 128, this.upperBoundary = 191, this.codePoint = this.codePoint << 6 | byte & 63, this.bytesSeen++, this.bytesSeen === this.bytesNeeded && (result += String.fromCodePoint(this.codePoint), this._reset());
        }
        return result;
      }
      flush() {
        let result = this.bytesNeeded > 0 ? "�" : "";
        return this._reset(), result;
      }
      _reset() {
        this.codePoint = 0, this.bytesNeeded = 0, this.bytesSeen = 0, this.lowerBoundary = 128, this.upperBoundary = 191;
      }
    };
    function trailingIncomplete(data, start) {
      let len = data.byteLength;
      if (len <= start) return 0;
      let limit = Math.max(start, len - 4), i = len - 1;
      for (; i > limit && (data[i] & 192) === 128; ) i--;
      if (i < start) return 0;
      let byte = data[i], needed;
      if (byte <= 127) return 0;
      if (byte >= 194 && byte <= 223) needed = 2;
      else if (byte >= 224 && byte <= 239) needed = 3;
      else if (byte >= 240 && byte <= 244) needed = 4;
      else return 0;
      let available = len - i;
      return available < needed ? available : 0;
    }
    function trailingBytesSeen(data) {
      let len = data.byteLength;
      if (len === 0) return 0;
      let last = data[len - 1];
      if (last <= 127) return 0;
      if ((last & 192) !== 128) return 1;
      let limit = Math.max(0, len - 4), i = len - 2;
      for (; i >= limit && (data[i] & 192) === 128; ) i--;
      if (i < 0) return 1;
      let first = data[i], needed;
      if (first >= 194 && first <= 223) needed = 2;
      else if (first >= 224 && first <= 239) needed = 3;
      else if (first >= 240 && first <= 244) needed = 4;
      else return 1;
      if (len - i !== needed) return 1;
      if (needed >= 3) {
        let second = data[i + 1];
        if (first === 224 && second < 160 || first === 237 && second > 159 || first === 240 && second < 144 || first === 244 && second > 143) return 1;
      }
      return 0;
    }
  }
});

// node_modules/text-decoder/index.js
var require_text_decoder = __commonJS({
  "node_modules/text-decoder/index.js"(exports, module) {
    var PassThroughDecoder = require_pass_through_decoder(), UTF8Decoder = require_utf8_decoder();
    module.exports = class {
      constructor(encoding = "utf8") {
        switch (this.encoding = normalizeEncoding(encoding), this.encoding) {
          case "utf8":
            this.decoder = new UTF8Decoder();
            break;
          case "utf16le":
          case "base64":
            throw new Error("Unsupported encoding: " + this.encoding);
          default:
            this.decoder = new PassThroughDecoder(this.encoding);
        }
      }
      get remaining() {
        return this.decoder.remaining;
      }
      push(data) {
        return typeof data == "string" ? data : this.decoder.decode(data);
      }
      // For Node.js compatibility
      write(data) {
        return this.push(data);
      }
      end(data) {
        let result = "";
        return data && (result = this.push(data)), result += this.decoder.flush(), result;
      }
    };
    function normalizeEncoding(encoding) {
      switch (encoding = encoding.toLowerCase(), encoding) {
        case "utf8":
        case "utf-8":
          return "utf8";
        case "ucs2":
        case "ucs-2":
        case "utf16le":
        case "utf-16le":
          return "utf16le";
        case "latin1":
        case "binary":
          return "latin1";
        case "base64":
        case "ascii":
        case "hex":
          return encoding;
        default:
          throw new Error("Unknown encoding: " + encoding);
      }
    }
  }
});

// node_modules/streamx/lib/errors.js
var require_errors = __commonJS({
  "node_modules/streamx/lib/errors.js"(exports, module) {
    module.exports = class StreamError extends Error {
      constructor(msg, code, fn = StreamError) {
        super(msg), this.code = code, Error.captureStackTrace && Error.captureStackTrace(this, fn);
      }
      static isStreamDestroyed(err) {
        return err && err.code === "STREAM_DESTROYED";
      }
      static isPrematureClose(err) {
        return err && err.code === "PREMATURE_CLOSE";
      }
      static isAborted(err) {
        return err && err.code === "ABORTED";
      }
      static isBadArgument(err) {
        return err && err.code === "BAD_ARGUMENT";
      }
      get name() {
        return "StreamError";
      }
      static STREAM_DESTROYED() {
        return new StreamError("Stream was destroyed", "STREAM_DESTROYED", StreamError.STREAM_DESTROYED);
      }
      static PREMATURE_CLOSE(msg = "Premature close") {
        return new StreamError(msg, "PREMATURE_CLOSE", StreamError.PREMATURE_CLOSE);
      }
      static ABORTED() {
        return new StreamError("Stream aborted", "ABORTED", StreamError.ABORTED);
      }
      static BAD_ARGUMENT(msg = "Bad argument") {
        return new StreamError(msg, "BAD_ARGUMENT", StreamError.BAD_ARGUMENT);
      }
    };
  }
});

// node_modules/streamx/index.js
var require_streamx = __commonJS({
  "node_modules/streamx/index.js"(exports, module) {
    var { EventEmitter } = require_default(), FIFO = require_fast_fifo(), TextDecoder = require_text_decoder(), StreamError = require_errors(), qmt = typeof queueMicrotask > "u" ? (fn) => global.process.nextTick(fn) : queueMicrotask, MAX = (1 << 29) - 1, OPENING = 1, PREDESTROYING = 2, DESTROYING = 4, DESTROYED = 8, NOT_OPENING = MAX ^ OPENING, NOT_PREDESTROYING = MAX ^ PREDESTROYING, READ_ACTIVE = 16, READ_UPDATING = 32, READ_PRIMARY = 64, READ_QUEUED = 128, READ_RESUMED = 256, READ_PIPE_DRAINED = 512, READ_ENDING = 1024, READ_EMIT_DATA = 2048, READ_EMIT_READABLE = 4096, READ_EMITTED_READABLE = 8192, READ_DONE = 16384, READ_NEXT_TICK = 32768, READ_NEEDS_PUSH = 65536, READ_READ_AHEAD = 131072, READ_FLOWING = READ_RESUMED | READ_PIPE_DRAINED, READ_ACTIVE_AND_NEEDS_PUSH = READ_ACTIVE | READ_NEEDS_PUSH, READ_PRIMARY_AND_ACTIVE = READ_PRIMARY | READ_ACTIVE, READ_EMIT_READABLE_AND_QUEUED = READ_EMIT_READABLE | READ_QUEUED, READ_RESUMED_READ_AHEAD = READ_RESUMED | READ_READ_AHEAD, READ_NOT_ACTIVE = MAX ^ READ_ACTIVE, READ_NON_PRIMARY = MAX ^ READ_PRIMARY, READ_NON_PRIMARY_AND_PUSHED = MAX ^ (READ_PRIMARY | READ_NEEDS_PUSH), READ_PUSHED = MAX ^ READ_NEEDS_PUSH, READ_PAUSED = MAX ^ READ_RESUMED, READ_NOT_QUEUED = MAX ^ (READ_QUEUED | READ_EMITTED_READABLE), READ_NOT_ENDING = MAX ^ READ_ENDING, READ_PIPE_NOT_DRAINED = MAX ^ READ_FLOWING, READ_NOT_NEXT_TICK = MAX ^ READ_NEXT_TICK, READ_NOT_UPDATING = MAX ^ READ_UPDATING, READ_NO_READ_AHEAD = MAX ^ READ_READ_AHEAD, READ_PAUSED_NO_READ_AHEAD = MAX ^ READ_RESUMED_READ_AHEAD, WRITE_ACTIVE = 1 << 18, WRITE_UPDATING = 2 << 18, WRITE_PRIMARY = 4 << 18, WRITE_QUEUED = 8 << 18, WRITE_UNDRAINED = 16 << 18, WRITE_DONE = 32 << 18, WRITE_EMIT_DRAIN = 64 << 18, WRITE_NEXT_TICK = 128 << 18, WRITE_WRITING = 256 << 18, WRITE_FINISHING = 512 << 18, WRITE_CORKED = 1024 << 18, WRITE_NOT_ACTIVE = MAX ^ (WRITE_ACTIVE | WRITE_WRITING), WRITE_NON_PRIMARY = MAX ^ WRITE_PRIMARY, WRITE_NOT_FINISHING = MAX ^ (WRITE_ACTIVE | WRITE_FINISHING), WRITE_DRAINED = MAX ^ WRITE_UNDRAINED, WRITE_NOT_QUEUED = MAX ^ WRITE_QUEUED, WRITE_NOT_NEXT_TICK = MAX ^ WRITE_NEXT_TICK, WRITE_NOT_UPDATING = MAX ^ WRITE_UPDATING, WRITE_NOT_CORKED = MAX ^ WRITE_CORKED, ACTIVE = READ_ACTIVE | WRITE_ACTIVE, NOT_ACTIVE = MAX ^ ACTIVE, DONE = READ_DONE | WRITE_DONE, DESTROY_STATUS = DESTROYING | DESTROYED | PREDESTROYING, OPEN_STATUS = DESTROY_STATUS | OPENING, AUTO_DESTROY = DESTROY_STATUS | DONE, NON_PRIMARY = WRITE_NON_PRIMARY & READ_NON_PRIMARY, ACTIVE_OR_TICKING = WRITE_NEXT_TICK | READ_NEXT_TICK, TICKING = ACTIVE_OR_TICKING & NOT_ACTIVE, IS_OPENING = OPEN_STATUS | TICKING, READ_PRIMARY_STATUS = OPEN_STATUS | READ_ENDING | READ_DONE, READ_STATUS = OPEN_STATUS | READ_DONE | READ_QUEUED, READ_ENDING_STATUS = OPEN_STATUS | READ_ENDING | READ_QUEUED, READ_READABLE_STATUS = OPEN_STATUS | READ_EMIT_READABLE | READ_QUEUED | READ_EMITTED_READABLE, SHOULD_NOT_READ = OPEN_STATUS | READ_ACTIVE | READ_ENDING | READ_DONE | READ_NEEDS_PUSH | READ_READ_AHEAD, READ_BACKPRESSURE_STATUS = DESTROY_STATUS | READ_ENDING | READ_DONE, READ_UPDATE_SYNC_STATUS = READ_UPDATING | OPEN_STATUS | READ_NEXT_TICK | READ_PRIMARY, READ_NEXT_TICK_OR_OPENING = READ_NEXT_TICK | OPENING, WRITE_PRIMARY_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_DONE, WRITE_QUEUED_AND_UNDRAINED = WRITE_QUEUED | WRITE_UNDRAINED, WRITE_QUEUED_AND_ACTIVE = WRITE_QUEUED | WRITE_ACTIVE, WRITE_DRAIN_STATUS = WRITE_QUEUED | WRITE_UNDRAINED | OPEN_STATUS | WRITE_ACTIVE, WRITE_STATUS = OPEN_STATUS | WRITE_ACTIVE | WRITE_QUEUED | WRITE_CORKED, WRITE_PRIMARY_AND_ACTIVE = WRITE_PRIMARY | WRITE_ACTIVE, WRITE_ACTIVE_AND_WRITING = WRITE_ACTIVE | WRITE_WRITING, WRITE_FINISHING_STATUS = OPEN_STATUS | WRITE_FINISHING | WRITE_QUEUED_AND_ACTIVE | WRITE_DONE, WRITE_BACKPRESSURE_STATUS = WRITE_UNDRAINED | DESTROY_STATUS | WRITE_FINISHING | WRITE_DONE, WRITE_UPDATE_SYNC_STATUS = WRITE_UPDATING | OPEN_STATUS | WRITE_NEXT_TICK | WRITE_PRIMARY, WRITE_DROP_DATA = WRITE_FINISHING | WRITE_DONE | DESTROY_STATUS, asyncIterator = Symbol.asyncIterator || /* @__PURE__ */ Symbol("asyncIterator"), WritableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapWritable, byteLength, byteLengthWritable } = {}) {
        this.stream = stream, this.queue = new FIFO(), this.highWaterMark = highWaterMark, this.buffered = 0, this.error = null, this.pipeline = null, this.drains = null, this.byteLength = byteLengthWritable || byteLength || defaultByteLength, this.map = mapWritable || map, this.afterWrite = afterWrite.bind(this), this.afterUpdateNextTick = updateWriteNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & WRITE_FINISHING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & WRITE_DONE) !== 0;
      }
      push(data) {
        return (this.stream._duplexState & WRITE_DROP_DATA) !== 0 ? !1 : (this.map !== null && (data = this.map(data)), this.buffered += this.byteLength(data), this.queue.push(data), this.buffered < this.highWaterMark ? (this.stream._duplexState |= WRITE_QUEUED, !0) : (this.stream._duplexState |= WRITE_QUEUED_AND_UNDRAINED, !1));
      }
      shift() {
        let data = this.queue.shift();
        return this.buffered -= this.byteLength(data), this.buffered === 0 && (this.stream._duplexState &= WRITE_NOT_QUEUED), data;
      }
      end(data) {
        typeof data == "function" ? this.stream.once("finish", data) : data != null && this.push(data), this.stream._duplexState = (this.stream._duplexState | WRITE_FINISHING) & WRITE_NON_PRIMARY;
      }
      autoBatch(data, cb) {
        let buffer = [], stream = this.stream;
        for (buffer.push(data); (stream._duplexState & WRITE_STATUS) === WRITE_QUEUED_AND_ACTIVE; )
          buffer.push(stream._writableState.shift());
        if ((stream._duplexState & OPEN_STATUS) !== 0) return cb(null);
        stream._writev(buffer, cb);
      }
      update() {
        let stream = this.stream;
        stream._duplexState |= WRITE_UPDATING;
        do {
          for (; (stream._duplexState & WRITE_STATUS) === WRITE_QUEUED; ) {
            let data = this.shift();
            stream._duplexState |= WRITE_ACTIVE_AND_WRITING, stream._write(data, this.afterWrite);
          }
          (stream._duplexState & WRITE_PRIMARY_AND_ACTIVE) === 0 && this.updateNonPrimary();
        } while (this.continueUpdate() === !0);
        stream._duplexState &= WRITE_NOT_UPDATING;
      }
      updateNonPrimary() {
        let stream = this.stream;
        if ((stream._duplexState & WRITE_FINISHING_STATUS) === WRITE_FINISHING) {
          stream._duplexState = stream._duplexState | WRITE_ACTIVE, stream._final(afterFinal.bind(this));
          return;
        }
        if ((stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          (stream._duplexState & ACTIVE_OR_TICKING) === 0 && (stream._duplexState |= ACTIVE, stream._destroy(afterDestroy.bind(this)));
          return;
        }
        (stream._duplexState & IS_OPENING) === OPENING && (stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING, stream._open(afterOpen.bind(this)));
      }
      continueUpdate() {
        return (this.stream._duplexState & WRITE_NEXT_TICK) === 0 ? !1 : (this.stream._duplexState &= WRITE_NOT_NEXT_TICK, !0);
      }
      updateCallback() {
        (this.stream._duplexState & WRITE_UPDATE_SYNC_STATUS) === WRITE_PRIMARY ? this.update() : this.updateNextTick();
      }
      updateNextTick() {
        (this.stream._duplexState & WRITE_NEXT_TICK) === 0 && (this.stream._duplexState |= WRITE_NEXT_TICK, (this.stream._duplexState & WRITE_UPDATING) === 0 && qmt(this.afterUpdateNextTick));
      }
    }, ReadableState = class {
      constructor(stream, { highWaterMark = 16384, map = null, mapReadable, byteLength, byteLengthReadable } = {}) {
        this.stream = stream, this.queue = new FIFO(), this.highWaterMark = highWaterMark === 0 ? 1 : highWaterMark, this.buffered = 0, this.readAhead = highWaterMark > 0, this.error = null, this.pipeline = null, this.byteLength = byteLengthReadable || byteLength || defaultByteLength, this.map = mapReadable || map, this.pipeTo = null, this.afterRead = afterRead.bind(this), this.afterUpdateNextTick = updateReadNT.bind(this);
      }
      get ending() {
        return (this.stream._duplexState & READ_ENDING) !== 0;
      }
      get ended() {
        return (this.stream._duplexState & READ_DONE) !== 0;
      }
      pipe(pipeTo, cb) {
        if (this.pipeTo !== null) throw StreamError.BAD_ARGUMENT("Can only pipe to one destination");
        if (typeof cb != "function" && (cb = null), this.stream._duplexState |= READ_PIPE_DRAINED, this.pipeTo = pipeTo, this.pipeline = new Pipeline(this.stream, pipeTo, cb), cb && this.stream.on("error", noop), isStreamx(pipeTo))
          pipeTo._writableState.pipeline = this.pipeline, cb && pipeTo.on("error", noop), pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        else {
          let onerror = this.pipeline.done.bind(this.pipeline, pipeTo), onclose = this.pipeline.done.bind(this.pipeline, pipeTo, null);
          pipeTo.on("error", onerror), pipeTo.on("close", onclose), pipeTo.on("finish", this.pipeline.finished.bind(this.pipeline));
        }
        pipeTo.on("drain", afterDrain.bind(this)), this.stream.emit("piping", pipeTo), pipeTo.emit("pipe", this.stream);
      }
      push(data) {
        let stream = this.stream;
        return data === null ? (this.highWaterMark = 0, stream._duplexState = (stream._duplexState | READ_ENDING) & READ_NON_PRIMARY_AND_PUSHED, !1) : this.map !== null && (data = this.map(data), data === null) ? (stream._duplexState &= READ_PUSHED, this.buffered < this.highWaterMark) : (this.buffered += this.byteLength(data), this.queue.push(data), stream._duplexState = (stream._duplexState | READ_QUEUED) & READ_PUSHED, this.buffered < this.highWaterMark);
      }
      shift() {
        let data = this.queue.shift();
        return this.buffered -= this.byteLength(data), this.buffered === 0 && (this.stream._duplexState &= READ_NOT_QUEUED), data;
      }
      unshift(data) {
        let pending = [this.map !== null ? this.map(data) : data];
        for (; this.buffered > 0; ) pending.push(this.shift());
        for (let i = 0; i < pending.length - 1; i++) {
          let data2 = pending[i];
          this.buffered += this.byteLength(data2), this.queue.push(data2);
        }
        this.push(pending[pending.length - 1]);
      }
      read() {
        let stream = this.stream;
        if ((stream._duplexState & READ_STATUS) === READ_QUEUED) {
          let data = this.shift();
          return this.pipeTo !== null && this.pipeTo.write(data) === !1 && (stream._duplexState &= READ_PIPE_NOT_DRAINED), (stream._duplexState & READ_EMIT_DATA) !== 0 && stream.emit("data", data), data;
        }
        return this.readAhead === !1 && (stream._duplexState |= READ_READ_AHEAD, this.updateNextTick()), null;
      }
      drain() {
        let stream = this.stream;
        for (; (stream._duplexState & READ_STATUS) === READ_QUEUED && (stream._duplexState & READ_FLOWING) !== 0; ) {
          let data = this.shift();
          this.pipeTo !== null && this.pipeTo.write(data) === !1 && (stream._duplexState &= READ_PIPE_NOT_DRAINED), (stream._duplexState & READ_EMIT_DATA) !== 0 && stream.emit("data", data);
        }
      }
      update() {
        let stream = this.stream;
        stream._duplexState |= READ_UPDATING;
        do {
          for (this.drain(); this.buffered < this.highWaterMark && (stream._duplexState & SHOULD_NOT_READ) === READ_READ_AHEAD; )
            stream._duplexState |= READ_ACTIVE_AND_NEEDS_PUSH, stream._read(this.afterRead), this.drain();
          (stream._duplexState & READ_READABLE_STATUS) === READ_EMIT_READABLE_AND_QUEUED && (stream._duplexState |= READ_EMITTED_READABLE, stream.emit("readable")), (stream._duplexState & READ_PRIMARY_AND_ACTIVE) === 0 && this.updateNonPrimary();
        } while (this.continueUpdate() === !0);
        stream._duplexState &= READ_NOT_UPDATING;
      }
      updateNonPrimary() {
        let stream = this.stream;
        if ((stream._duplexState & READ_ENDING_STATUS) === READ_ENDING && (stream._duplexState = (stream._duplexState | READ_DONE) & READ_NOT_ENDING, stream.emit("end"), (stream._duplexState & AUTO_DESTROY) === DONE && (stream._duplexState |= DESTROYING), this.pipeTo !== null && this.pipeTo.end()), (stream._duplexState & DESTROY_STATUS) === DESTROYING) {
          (stream._duplexState & ACTIVE_OR_TICKING) === 0 && (stream._duplexState |= ACTIVE, stream._destroy(afterDestroy.bind(this)));
          return;
        }
        (stream._duplexState & IS_OPENING) === OPENING && (stream._duplexState = (stream._duplexState | ACTIVE) & NOT_OPENING, stream._open(afterOpen.bind(this)));
      }
      continueUpdate() {
        return (this.stream._duplexState & READ_NEXT_TICK) === 0 ? !1 : (this.stream._duplexState &= READ_NOT_NEXT_TICK, !0);
      }
      updateCallback() {
        (this.stream._duplexState & READ_UPDATE_SYNC_STATUS) === READ_PRIMARY ? this.update() : this.updateNextTick();
      }
      updateNextTickIfOpen() {
        (this.stream._duplexState & READ_NEXT_TICK_OR_OPENING) === 0 && (this.stream._duplexState |= READ_NEXT_TICK, (this.stream._duplexState & READ_UPDATING) === 0 && qmt(this.afterUpdateNextTick));
      }
      updateNextTick() {
        (this.stream._duplexState & READ_NEXT_TICK) === 0 && (this.stream._duplexState |= READ_NEXT_TICK, (this.stream._duplexState & READ_UPDATING) === 0 && qmt(this.afterUpdateNextTick));
      }
    }, TransformState = class {
      constructor(stream) {
        this.data = null, this.afterTransform = afterTransform.bind(stream), this.afterFinal = null;
      }
    }, Pipeline = class {
      constructor(src, dst, cb) {
        this.from = src, this.to = dst, this.afterPipe = cb, this.error = null, this.pipeToFinished = !1;
      }
      finished() {
        this.pipeToFinished = !0;
      }
      done(stream, err) {
        if (err && (this.error = err), stream === this.to && (this.to = null, this.from !== null)) {
          ((this.from._duplexState & READ_DONE) === 0 || !this.pipeToFinished) && this.from.destroy(this.error || StreamError.PREMATURE_CLOSE("Writable stream closed"));
          return;
        }
        if (stream === this.from && (this.from = null, this.to !== null)) {
          (stream._duplexState & READ_DONE) === 0 && this.to.destroy(this.error || StreamError.PREMATURE_CLOSE("Readable stream closed"));
          return;
        }
        this.afterPipe !== null && this.afterPipe(this.error), this.to = this.from = this.afterPipe = null;
      }
    };
    function afterDrain() {
      this.stream._duplexState |= READ_PIPE_DRAINED, this.updateCallback();
    }
    function afterFinal(err) {
      let stream = this.stream;
      err && stream.destroy(err), (stream._duplexState & DESTROY_STATUS) === 0 && (stream._duplexState |= WRITE_DONE, stream.emit("finish")), (stream._duplexState & AUTO_DESTROY) === DONE && (stream._duplexState |= DESTROYING), stream._duplexState &= WRITE_NOT_FINISHING, (stream._duplexState & WRITE_UPDATING) === 0 ? this.update() : this.updateNextTick();
    }
    function afterDestroy(err) {
      let stream = this.stream;
      !err && !StreamError.isStreamDestroyed(this.error) && (err = this.error), err && stream.emit("error", err), stream._duplexState |= DESTROYED, stream.emit("close");
      let rs = stream._readableState, ws = stream._writableState;
      if (rs !== null && rs.pipeline !== null && rs.pipeline.done(stream, err), ws !== null) {
        for (; ws.drains !== null && ws.drains.length > 0; )
          ws.drains.shift().resolve(!1);
        ws.pipeline !== null && ws.pipeline.done(stream, err);
      }
    }
    function afterWrite(err) {
      let stream = this.stream;
      err && stream.destroy(err), stream._duplexState &= WRITE_NOT_ACTIVE, this.drains !== null && tickDrains(this.drains), (stream._duplexState & WRITE_DRAIN_STATUS) === WRITE_UNDRAINED && (stream._duplexState &= WRITE_DRAINED, (stream._duplexState & WRITE_EMIT_DRAIN) === WRITE_EMIT_DRAIN && stream.emit("drain")), this.updateCallback();
    }
    function afterRead(err) {
      err && this.stream.destroy(err), this.stream._duplexState &= READ_NOT_ACTIVE, this.readAhead === !1 && (this.stream._duplexState & READ_RESUMED) === 0 && (this.stream._duplexState &= READ_NO_READ_AHEAD), this.updateCallback();
    }
    function updateReadNT() {
      (this.stream._duplexState & READ_UPDATING) === 0 && (this.stream._duplexState &= READ_NOT_NEXT_TICK, this.update());
    }
    function updateWriteNT() {
      (this.stream._duplexState & WRITE_UPDATING) === 0 && (this.stream._duplexState &= WRITE_NOT_NEXT_TICK, this.update());
    }
    function tickDrains(drains) {
      for (let i = 0; i < drains.length; i++)
        --drains[i].writes === 0 && (drains.shift().resolve(!0), i--);
    }
    function afterOpen(err) {
      let stream = this.stream;
      err && stream.destroy(err), (stream._duplexState & DESTROYING) === 0 && ((stream._duplexState & READ_PRIMARY_STATUS) === 0 && (stream._duplexState |= READ_PRIMARY), (stream._duplexState & WRITE_PRIMARY_STATUS) === 0 && (stream._duplexState |= WRITE_PRIMARY), stream.emit("open")), stream._duplexState &= NOT_ACTIVE, stream._writableState !== null && stream._writableState.updateCallback(), stream._readableState !== null && stream._readableState.updateCallback();
    }
    function afterTransform(err, data) {
      data != null && this.push(data), this._writableState.afterWrite(err);
    }
    function newListener(name) {
      this._readableState !== null && (name === "data" && (this._duplexState |= READ_EMIT_DATA | READ_RESUMED_READ_AHEAD, this._readableState.updateNextTick()), name === "readable" && (this._duplexState |= READ_EMIT_READABLE, this._readableState.updateNextTick())), this._writableState !== null && name === "drain" && (this._duplexState |= WRITE_EMIT_DRAIN, this._writableState.updateNextTick());
    }
    var Stream = class extends EventEmitter {
      constructor(opts) {
        super(), this._duplexState = 0, this._readableState = null, this._writableState = null, opts && (opts.open && (this._open = opts.open), opts.destroy && (this._destroy = opts.destroy), opts.predestroy && (this._predestroy = opts.predestroy), opts.signal && opts.signal.addEventListener("abort", abort.bind(this))), this.on("newListener", newListener);
      }
      _open(cb) {
        cb(null);
      }
      _destroy(cb) {
        cb(null);
      }
      _predestroy() {
      }
      get readable() {
        return this._readableState !== null ? !0 : void 0;
      }
      get writable() {
        return this._writableState !== null ? !0 : void 0;
      }
      get destroyed() {
        return (this._duplexState & DESTROYED) !== 0;
      }
      get destroying() {
        return (this._duplexState & DESTROY_STATUS) !== 0;
      }
      destroy(err) {
        (this._duplexState & DESTROY_STATUS) === 0 && (err || (err = StreamError.STREAM_DESTROYED()), this._duplexState = (this._duplexState | DESTROYING) & NON_PRIMARY, this._readableState !== null && (this._readableState.highWaterMark = 0, this._readableState.error = err), this._writableState !== null && (this._writableState.highWaterMark = 0, this._writableState.error = err), this._duplexState |= PREDESTROYING, this._predestroy(), this._duplexState &= NOT_PREDESTROYING, this._readableState !== null && this._readableState.updateNextTick(), this._writableState !== null && this._writableState.updateNextTick());
      }
    }, Readable2 = class _Readable extends Stream {
      constructor(opts) {
        super(opts), this._duplexState |= OPENING | WRITE_DONE | READ_READ_AHEAD, this._readableState = new ReadableState(this, opts), opts && (this._readableState.readAhead === !1 && (this._duplexState &= READ_NO_READ_AHEAD), opts.read && (this._read = opts.read), opts.eagerOpen && this._readableState.updateNextTick(), opts.encoding && this.setEncoding(opts.encoding));
      }
      static deferred(fn, opts) {
        let out = new PassThrough(opts);
        return fn().then((src) => {
          if (src === null) return out.end();
          out.destroying || pipeline2(src, out, noop);
        }).catch((err) => out.destroy(err)), out;
      }
      setEncoding(encoding) {
        let dec = new TextDecoder(encoding), map = this._readableState.map || echo;
        return this._readableState.map = mapOrSkip, this;
        function mapOrSkip(data) {
          let next = dec.push(data);
          return next === "" && (data.byteLength !== 0 || dec.remaining > 0) ? null : map(next);
        }
      }
      _read(cb) {
        cb(null);
      }
      pipe(dest, cb) {
        return this._readableState.updateNextTick(), this._readableState.pipe(dest, cb), dest;
      }
      read() {
        return this._readableState.updateNextTick(), this._readableState.read();
      }
      push(data) {
        return this._readableState.updateNextTickIfOpen(), this._readableState.push(data);
      }
      unshift(data) {
        return this._readableState.updateNextTickIfOpen(), this._readableState.unshift(data);
      }
      resume() {
        return this._duplexState |= READ_RESUMED_READ_AHEAD, this._readableState.updateNextTick(), this;
      }
      pause() {
        return this._duplexState &= this._readableState.readAhead === !1 ? READ_PAUSED_NO_READ_AHEAD : READ_PAUSED, this;
      }
      static _fromAsyncIterator(ite, opts) {
        let destroy, rs = new _Readable({
          ...opts,
          read(cb) {
            ite.next().then(push).then(cb.bind(null, null)).catch(cb);
          },
          predestroy() {
            destroy = ite.return();
          },
          destroy(cb) {
            if (!destroy) return cb(null);
            destroy.then(cb.bind(null, null)).catch(cb);
          }
        });
        return rs;
        function push(data) {
          data.done ? rs.push(null) : rs.push(data.value);
        }
      }
      static from(data, opts) {
        if (isReadStreamx(data)) return data;
        if (data[asyncIterator]) return this._fromAsyncIterator(data[asyncIterator](), opts);
        Array.isArray(data) || (data = data === void 0 ? [] : [data]);
        let i = 0;
        return new _Readable({
          ...opts,
          read(cb) {
            this.push(i === data.length ? null : data[i++]), cb(null);
          }
        });
      }
      static isBackpressured(rs) {
        return (rs._duplexState & READ_BACKPRESSURE_STATUS) !== 0 || rs._readableState.buffered >= rs._readableState.highWaterMark;
      }
      static isPaused(rs) {
        return (rs._duplexState & READ_RESUMED) === 0;
      }
      [asyncIterator]() {
        let stream = this, error2 = null, promiseResolve = null, promiseReject = null;
        return this.on("error", (err) => {
          error2 = err;
        }), this.on("readable", onreadable), this.on("close", onclose), {
          [asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(function(resolve4, reject) {
              promiseResolve = resolve4, promiseReject = reject;
              let data = stream.read();
              data !== null ? ondata(data) : (stream._duplexState & DESTROYED) !== 0 && ondata(null);
            });
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function onreadable() {
          promiseResolve !== null && ondata(stream.read());
        }
        function onclose() {
          promiseResolve !== null && ondata(null);
        }
        function ondata(data) {
          promiseReject !== null && (error2 ? promiseReject(error2) : data === null && (stream._duplexState & READ_DONE) === 0 ? promiseReject(StreamError.STREAM_DESTROYED()) : promiseResolve({ value: data, done: data === null }), promiseReject = promiseResolve = null);
        }
        function destroy(err) {
          return stream.destroy(err), new Promise((resolve4, reject) => {
            if (stream._duplexState & DESTROYED) return resolve4({ value: void 0, done: !0 });
            stream.once("close", function() {
              err ? reject(err) : resolve4({ value: void 0, done: !0 });
            });
          });
        }
      }
    }, Writable = class extends Stream {
      constructor(opts) {
        super(opts), this._duplexState |= OPENING | READ_DONE, this._writableState = new WritableState(this, opts), opts && (opts.writev && (this._writev = opts.writev), opts.write && (this._write = opts.write), opts.final && (this._final = opts.final), opts.eagerOpen && this._writableState.updateNextTick());
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED, this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      static isBackpressured(ws) {
        return (ws._duplexState & WRITE_BACKPRESSURE_STATUS) !== 0;
      }
      static drained(ws) {
        if (ws.destroyed) return Promise.resolve(!1);
        let state = ws._writableState, writes = (isWritev(ws) ? Math.min(1, state.queue.length) : state.queue.length) + (ws._duplexState & WRITE_WRITING ? 1 : 0);
        return writes === 0 ? Promise.resolve(!0) : (state.drains === null && (state.drains = []), new Promise((resolve4) => {
          state.drains.push({ writes, resolve: resolve4 });
        }));
      }
      write(data) {
        return this._writableState.updateNextTick(), this._writableState.push(data);
      }
      end(data) {
        return this._writableState.updateNextTick(), this._writableState.end(data), this;
      }
    }, Duplex = class extends Readable2 {
      // and Writable
      constructor(opts) {
        super(opts), this._duplexState = OPENING | this._duplexState & READ_READ_AHEAD, this._writableState = new WritableState(this, opts), opts && (opts.writev && (this._writev = opts.writev), opts.write && (this._write = opts.write), opts.final && (this._final = opts.final));
      }
      cork() {
        this._duplexState |= WRITE_CORKED;
      }
      uncork() {
        this._duplexState &= WRITE_NOT_CORKED, this._writableState.updateNextTick();
      }
      _writev(batch, cb) {
        cb(null);
      }
      _write(data, cb) {
        this._writableState.autoBatch(data, cb);
      }
      _final(cb) {
        cb(null);
      }
      write(data) {
        return this._writableState.updateNextTick(), this._writableState.push(data);
      }
      end(data) {
        return this._writableState.updateNextTick(), this._writableState.end(data), this;
      }
    }, Transform = class extends Duplex {
      constructor(opts) {
        super(opts), this._transformState = new TransformState(this), opts && (opts.transform && (this._transform = opts.transform), opts.flush && (this._flush = opts.flush));
      }
      _write(data, cb) {
        this._readableState.buffered >= this._readableState.highWaterMark ? this._transformState.data = data : this._transform(data, this._transformState.afterTransform);
      }
      _read(cb) {
        if (this._transformState.data !== null) {
          let data = this._transformState.data;
          this._transformState.data = null, cb(null), this._transform(data, this._transformState.afterTransform);
        } else
          cb(null);
      }
      destroy(err) {
        super.destroy(err), this._transformState.data !== null && (this._transformState.data = null, this._transformState.afterTransform());
      }
      _transform(data, cb) {
        cb(null, data);
      }
      _flush(cb) {
        cb(null);
      }
      _final(cb) {
        this._transformState.afterFinal = cb, this._flush(transformAfterFlush.bind(this));
      }
    }, PassThrough = class extends Transform {
    };
    function transformAfterFlush(err, data) {
      let cb = this._transformState.afterFinal;
      if (err) return cb(err);
      data != null && this.push(data), this.push(null), cb(null);
    }
    function pipelinePromise(...streams) {
      return new Promise((resolve4, reject) => pipeline2(...streams, (err) => {
        if (err) return reject(err);
        resolve4();
      }));
    }
    function pipeline2(stream, ...streams) {
      let all = Array.isArray(stream) ? [...stream, ...streams] : [stream, ...streams], done = all.length && typeof all[all.length - 1] == "function" ? all.pop() : null;
      if (all.length < 2) throw StreamError.BAD_ARGUMENT("Pipeline requires at least 2 streams");
      let src = all[0], dest = null, error2 = null;
      for (let i = 1; i < all.length; i++)
        dest = all[i], isStreamx(src) ? src.pipe(dest, onerror) : (errorHandle(src, !0, i > 1, onerror), src.pipe(dest)), src = dest;
      if (done) {
        let fin = !1, autoDestroy = isStreamx(dest) || !!(dest._writableState && dest._writableState.autoDestroy);
        dest.on("error", (err) => {
          error2 === null && (error2 = err);
        }), dest.on("finish", () => {
          fin = !0, autoDestroy || done(error2);
        }), autoDestroy && dest.on("close", () => done(error2 || (fin ? null : StreamError.PREMATURE_CLOSE())));
      }
      return dest;
      function errorHandle(s, rd, wr, onerror2) {
        s.on("error", onerror2), s.on("close", onclose);
        function onclose() {
          if (rd && s._readableState && !s._readableState.ended || wr && s._writableState && !s._writableState.ended)
            return onerror2(StreamError.PREMATURE_CLOSE());
        }
      }
      function onerror(err) {
        if (!(!err || error2)) {
          error2 = err;
          for (let s of all)
            s.destroy(err);
        }
      }
    }
    function echo(s) {
      return s;
    }
    function isStream(stream) {
      return !!stream._readableState || !!stream._writableState;
    }
    function isStreamx(stream) {
      return typeof stream._duplexState == "number" && isStream(stream);
    }
    function isEnding(stream) {
      return !!stream._readableState && stream._readableState.ending;
    }
    function isEnded(stream) {
      return !!stream._readableState && stream._readableState.ended;
    }
    function isFinishing(stream) {
      return !!stream._writableState && stream._writableState.ending;
    }
    function isFinished(stream) {
      return !!stream._writableState && stream._writableState.ended;
    }
    function getStreamError(stream, opts = {}) {
      let err = stream._readableState && stream._readableState.error || stream._writableState && stream._writableState.error;
      return !opts.all && StreamError.isStreamDestroyed(err) ? null : err;
    }
    function isReadStreamx(stream) {
      return isStreamx(stream) && stream.readable;
    }
    function isDisturbed(stream) {
      return (stream._duplexState & OPENING) !== OPENING || (stream._duplexState & DESTROYING) === DESTROYING || (stream._duplexState & ACTIVE_OR_TICKING) !== 0;
    }
    function isTypedArray(data) {
      return typeof data == "object" && data !== null && typeof data.byteLength == "number";
    }
    function defaultByteLength(data) {
      return isTypedArray(data) ? data.byteLength : 1024;
    }
    function noop() {
    }
    function abort() {
      this.destroy(StreamError.ABORTED());
    }
    function isWritev(s) {
      return s._writev !== Writable.prototype._writev && s._writev !== Duplex.prototype._writev;
    }
    module.exports = {
      pipeline: pipeline2,
      pipelinePromise,
      isStream,
      isStreamx,
      isEnding,
      isEnded,
      isFinishing,
      isFinished,
      isDisturbed,
      getStreamError,
      Stream,
      Writable,
      Readable: Readable2,
      Duplex,
      Transform,
      // Export PassThrough for compatibility with Node.js core's stream module
      PassThrough
    };
  }
});

// node_modules/tar-stream/headers.js
var require_headers = __commonJS({
  "node_modules/tar-stream/headers.js"(exports) {
    var b4a = require_b4a(), ZEROS = "0000000000000000000", SEVENS = "7777777777777777777", ZERO_OFFSET = 48, USTAR_MAGIC = b4a.from([117, 115, 116, 97, 114, 0]), USTAR_VER = b4a.from([ZERO_OFFSET, ZERO_OFFSET]), GNU_MAGIC = b4a.from([117, 115, 116, 97, 114, 32]), GNU_VER = b4a.from([32, 0]), MASK = 4095, MAGIC_OFFSET = 257, VERSION_OFFSET = 263;
    exports.decodeLongPath = function(buf, encoding) {
      return decodeStr(buf, 0, buf.length, encoding);
    };
    exports.encodePax = function(opts) {
      let result = "";
      opts.name && (result += addLength(" path=" + opts.name + `
`)), opts.linkname && (result += addLength(" linkpath=" + opts.linkname + `
`));
      let pax = opts.pax;
      if (pax)
        for (let key in pax)
          result += addLength(" " + key + "=" + pax[key] + `
`);
      return b4a.from(result);
    };
    exports.decodePax = function(buf) {
      let result = {};
      for (; buf.length; ) {
        let i = 0;
        for (; i < buf.length && buf[i] !== 32; ) i++;
        let len = parseInt(b4a.toString(buf.subarray(0, i)), 10);
        if (!len) return result;
        let b = b4a.toString(buf.subarray(i + 1, len - 1)), keyIndex = b.indexOf("=");
        if (keyIndex === -1) return result;
        result[b.slice(0, keyIndex)] = b.slice(keyIndex + 1), buf = buf.subarray(len);
      }
      return result;
    };
    exports.encode = function(opts) {
      let buf = b4a.alloc(512), name = opts.name, prefix = "";
      if (opts.typeflag === 5 && name[name.length - 1] !== "/" && (name += "/"), b4a.byteLength(name) !== name.length) return null;
      for (; b4a.byteLength(name) > 100; ) {
        let i = name.indexOf("/");
        if (i === -1) return null;
        prefix += prefix ? "/" + name.slice(0, i) : name.slice(0, i), name = name.slice(i + 1);
      }
      return b4a.byteLength(name) > 100 || b4a.byteLength(prefix) > 155 || opts.linkname && b4a.byteLength(opts.linkname) > 100 ? null : (b4a.write(buf, name), b4a.write(buf, encodeOct(opts.mode & MASK, 6), 100), b4a.write(buf, encodeOct(opts.uid, 6), 108), b4a.write(buf, encodeOct(opts.gid, 6), 116), encodeSize(opts.size, buf, 124), b4a.write(buf, encodeOct(opts.mtime.getTime() / 1e3 | 0, 11), 136), buf[156] = ZERO_OFFSET + toTypeflag(opts.type), opts.linkname && b4a.write(buf, opts.linkname, 157), b4a.copy(USTAR_MAGIC, buf, MAGIC_OFFSET), b4a.copy(USTAR_VER, buf, VERSION_OFFSET), opts.uname && b4a.write(buf, opts.uname, 265), opts.gname && b4a.write(buf, opts.gname, 297), b4a.write(buf, encodeOct(opts.devmajor || 0, 6), 329), b4a.write(buf, encodeOct(opts.devminor || 0, 6), 337), prefix && b4a.write(buf, prefix, 345), b4a.write(buf, encodeOct(cksum(buf), 6), 148), buf);
    };
    exports.decode = function(buf, filenameEncoding, allowUnknownFormat) {
      let typeflag = buf[156] === 0 ? 0 : buf[156] - ZERO_OFFSET, name = decodeStr(buf, 0, 100, filenameEncoding), mode = decodeOct(buf, 100, 8), uid = decodeOct(buf, 108, 8), gid = decodeOct(buf, 116, 8), size = decodeOct(buf, 124, 12), mtime = decodeOct(buf, 136, 12), type = toType(typeflag), linkname = buf[157] === 0 ? null : decodeStr(buf, 157, 100, filenameEncoding), uname = decodeStr(buf, 265, 32), gname = decodeStr(buf, 297, 32), devmajor = decodeOct(buf, 329, 8), devminor = decodeOct(buf, 337, 8), c = cksum(buf);
      if (c === 256) return null;
      if (c !== decodeOct(buf, 148, 8)) throw new Error("Invalid tar header. Maybe the tar is corrupted or it needs to be gunzipped?");
      if (isUSTAR(buf))
        buf[345] && (name = decodeStr(buf, 345, 155, filenameEncoding) + "/" + name);
      else if (!isGNU(buf)) {
        if (!allowUnknownFormat)
          throw new Error("Invalid tar header: unknown format.");
      }
      return typeflag === 0 && name && name[name.length - 1] === "/" && (typeflag = 5), {
        name,
        mode,
        uid,
        gid,
        size,
        byteOffset: 0,
        mtime: new Date(1e3 * mtime),
        type,
        linkname,
        uname,
        gname,
        devmajor,
        devminor,
        pax: null
      };
    };
    function isUSTAR(buf) {
      return b4a.equals(USTAR_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6));
    }
    function isGNU(buf) {
      return b4a.equals(GNU_MAGIC, buf.subarray(MAGIC_OFFSET, MAGIC_OFFSET + 6)) && b4a.equals(GNU_VER, buf.subarray(VERSION_OFFSET, VERSION_OFFSET + 2));
    }
    function clamp(index, len, defaultValue) {
      return typeof index != "number" ? defaultValue : (index = ~~index, index >= len ? len : index >= 0 || (index += len, index >= 0) ? index : 0);
    }
    function toType(flag) {
      switch (flag) {
        case 0:
          return "file";
        case 1:
          return "link";
        case 2:
          return "symlink";
        case 3:
          return "character-device";
        case 4:
          return "block-device";
        case 5:
          return "directory";
        case 6:
          return "fifo";
        case 7:
          return "contiguous-file";
        case 72:
          return "pax-header";
        case 55:
          return "pax-global-header";
        case 27:
          return "gnu-long-link-path";
        case 28:
        case 30:
          return "gnu-long-path";
      }
      return null;
    }
    function toTypeflag(flag) {
      switch (flag) {
        case "file":
          return 0;
        case "link":
          return 1;
        case "symlink":
          return 2;
        case "character-device":
          return 3;
        case "block-device":
          return 4;
        case "directory":
          return 5;
        case "fifo":
          return 6;
        case "contiguous-file":
          return 7;
        case "pax-header":
          return 72;
      }
      return 0;
    }
    function indexOf(block, num2, offset, end) {
      for (; offset < end; offset++)
        if (block[offset] === num2) return offset;
      return end;
    }
    function cksum(block) {
      let sum = 256;
      for (let i = 0; i < 148; i++) sum += block[i];
      for (let j = 156; j < 512; j++) sum += block[j];
      return sum;
    }
    function encodeOct(val, n) {
      return val = val.toString(8), val.length > n ? SEVENS.slice(0, n) + " " : ZEROS.slice(0, n - val.length) + val + " ";
    }
    function encodeSizeBin(num2, buf, off) {
      buf[off] = 128;
      for (let i = 11; i > 0; i--)
        buf[off + i] = num2 & 255, num2 = Math.floor(num2 / 256);
    }
    function encodeSize(num2, buf, off) {
      num2.toString(8).length > 11 ? encodeSizeBin(num2, buf, off) : b4a.write(buf, encodeOct(num2, 11), off);
    }
    function parse256(buf) {
      let positive;
      if (buf[0] === 128) positive = !0;
      else if (buf[0] === 255) positive = !1;
      else return null;
      let tuple = [], i;
      for (i = buf.length - 1; i > 0; i--) {
        let byte = buf[i];
        positive ? tuple.push(byte) : tuple.push(255 - byte);
      }
      let sum = 0, l = tuple.length;
      for (i = 0; i < l; i++)
        sum += tuple[i] * Math.pow(256, i);
      return positive ? sum : -1 * sum;
    }
    function decodeOct(val, offset, length) {
      if (val = val.subarray(offset, offset + length), offset = 0, val[offset] & 128)
        return parse256(val);
      {
        for (; offset < val.length && val[offset] === 32; ) offset++;
        let end = clamp(indexOf(val, 32, offset, val.length), val.length, val.length);
        for (; offset < end && val[offset] === 0; ) offset++;
        return end === offset ? 0 : parseInt(b4a.toString(val.subarray(offset, end)), 8);
      }
    }
    function decodeStr(val, offset, length, encoding) {
      return b4a.toString(val.subarray(offset, indexOf(val, 0, offset, offset + length)), encoding);
    }
    function addLength(str) {
      let len = b4a.byteLength(str), digits = Math.floor(Math.log(len) / Math.log(10)) + 1;
      return len + digits >= Math.pow(10, digits) && digits++, len + digits + str;
    }
  }
});

// node_modules/tar-stream/extract.js
var require_extract = __commonJS({
  "node_modules/tar-stream/extract.js"(exports, module) {
    var { Writable, Readable: Readable2, getStreamError } = require_streamx(), FIFO = require_fast_fifo(), b4a = require_b4a(), headers = require_headers(), EMPTY = b4a.alloc(0), MAX_HEADER_SIZE = 4 * 1024 * 1024, BufferList = class {
      constructor() {
        this.buffered = 0, this.shifted = 0, this.queue = new FIFO(), this._offset = 0;
      }
      push(buffer) {
        this.buffered += buffer.byteLength, this.queue.push(buffer);
      }
      shiftFirst(size) {
        return this.buffered === 0 ? null : this._next(size);
      }
      shift(size) {
        if (size > this.buffered) return null;
        if (size === 0) return EMPTY;
        let chunk = this._next(size);
        if (size === chunk.byteLength) return chunk;
        let chunks = [chunk];
        for (; (size -= chunk.byteLength) > 0; )
          chunk = this._next(size), chunks.push(chunk);
        return b4a.concat(chunks);
      }
      _next(size) {
        let buf = this.queue.peek(), rem = buf.byteLength - this._offset;
        if (size >= rem) {
          let sub = this._offset ? buf.subarray(this._offset, buf.byteLength) : buf;
          return this.queue.shift(), this._offset = 0, this.buffered -= rem, this.shifted += rem, sub;
        }
        return this.buffered -= size, this.shifted += size, buf.subarray(this._offset, this._offset += size);
      }
    }, Source = class extends Readable2 {
      constructor(self, header, offset) {
        super(), this.header = header, this.offset = offset, this._parent = self;
      }
      _read(cb) {
        this.header.size === 0 && this.push(null), this._parent._stream === this && this._parent._update(), cb(null);
      }
      _predestroy() {
        this._parent.destroy(getStreamError(this));
      }
      _detach() {
        this._parent._stream === this && (this._parent._stream = null, this._parent._missing = overflow(this.header.size), this._parent._update());
      }
      _destroy(cb) {
        this._detach(), cb(null);
      }
    }, Extract = class extends Writable {
      constructor(opts) {
        super(opts), opts || (opts = {}), this._buffer = new BufferList(), this._offset = 0, this._header = null, this._stream = null, this._missing = 0, this._longHeader = !1, this._callback = noop, this._locked = !1, this._finished = !1, this._pax = null, this._paxGlobal = null, this._gnuLongPath = null, this._gnuLongLinkPath = null, this._filenameEncoding = opts.filenameEncoding || "utf-8", this._allowUnknownFormat = !!opts.allowUnknownFormat, this._unlockBound = this._unlock.bind(this);
      }
      _unlock(err) {
        if (this._locked = !1, err) {
          this.destroy(err), this._continueWrite(err);
          return;
        }
        this._update();
      }
      _consumeHeader() {
        if (this._locked) return !1;
        this._offset = this._buffer.shifted;
        try {
          this._header = headers.decode(this._buffer.shift(512), this._filenameEncoding, this._allowUnknownFormat);
        } catch (err) {
          return this._continueWrite(err), !1;
        }
        if (!this._header) return !0;
        switch (this._header.byteOffset = this._buffer.shifted, this._header.type) {
          case "gnu-long-path":
          case "gnu-long-link-path":
          case "pax-global-header":
          case "pax-header":
            return this._longHeader = !0, this._missing = this._header.size, this._missing > MAX_HEADER_SIZE ? (this._continueWrite(new Error("Header exceeds max size")), !1) : !0;
        }
        return this._locked = !0, this._applyLongHeaders(), this._header.size >= 0 ? this._header.size === 0 || this._header.type === "directory" ? (this.emit("entry", this._header, this._createStream(), this._unlockBound), !0) : (this._stream = this._createStream(), this._missing = this._header.size, this.emit("entry", this._header, this._stream, this._unlockBound), !0) : (this._continueWrite(new Error("Invalid header")), !1);
      }
      _applyLongHeaders() {
        this._gnuLongPath && (this._header.name = this._gnuLongPath, this._gnuLongPath = null), this._gnuLongLinkPath && (this._header.linkname = this._gnuLongLinkPath, this._gnuLongLinkPath = null), this._pax && (this._pax.path && (this._header.name = this._pax.path), this._pax.linkpath && (this._header.linkname = this._pax.linkpath), this._pax.size && (this._header.size = parseInt(this._pax.size, 10)), this._header.pax = this._pax, this._pax = null);
      }
      _decodeLongHeader(buf) {
        switch (this._header.type) {
          case "gnu-long-path":
            this._gnuLongPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "gnu-long-link-path":
            this._gnuLongLinkPath = headers.decodeLongPath(buf, this._filenameEncoding);
            break;
          case "pax-global-header":
            this._paxGlobal = headers.decodePax(buf);
            break;
          case "pax-header":
            this._pax = this._paxGlobal === null ? headers.decodePax(buf) : Object.assign({}, this._paxGlobal, headers.decodePax(buf));
            break;
        }
      }
      _consumeLongHeader() {
        this._longHeader = !1, this._missing = overflow(this._header.size);
        let buf = this._buffer.shift(this._header.size);
        try {
          this._decodeLongHeader(buf);
        } catch (err) {
          return this._continueWrite(err), !1;
        }
        return !0;
      }
      _consumeStream() {
        let buf = this._buffer.shiftFirst(this._missing);
        if (buf === null) return !1;
        this._missing -= buf.byteLength;
        let drained = this._stream.push(buf);
        return this._missing === 0 ? (this._stream.push(null), drained && this._stream._detach(), drained && this._locked === !1) : drained;
      }
      _createStream() {
        return new Source(this, this._header, this._offset);
      }
      _update() {
        for (; this._buffer.buffered > 0 && !this.destroying; ) {
          if (this._missing > 0) {
            if (this._stream !== null) {
              if (this._consumeStream() === !1) return;
              continue;
            }
            if (this._longHeader === !0) {
              if (this._missing > this._buffer.buffered) break;
              if (this._consumeLongHeader() === !1) return !1;
              continue;
            }
            let ignore = this._buffer.shiftFirst(this._missing);
            ignore !== null && (this._missing -= ignore.byteLength);
            continue;
          }
          if (this._buffer.buffered < 512) break;
          if (this._stream !== null || this._consumeHeader() === !1) return;
        }
        this._continueWrite(null);
      }
      _continueWrite(err) {
        let cb = this._callback;
        this._callback = noop, cb(err);
      }
      _write(data, cb) {
        this._callback = cb, this._buffer.push(data), this._update();
      }
      _final(cb) {
        this._finished = this._missing === 0 && this._buffer.buffered === 0, cb(this._finished ? null : new Error("Unexpected end of data"));
      }
      _predestroy() {
        this._continueWrite(null);
      }
      _destroy(cb) {
        this._stream && this._stream.destroy(getStreamError(this)), cb(null);
      }
      [Symbol.asyncIterator]() {
        let error2 = null, promiseResolve = null, promiseReject = null, entryStream = null, entryCallback = null, extract = this;
        return this.on("entry", onentry), this.on("error", (err) => {
          error2 = err;
        }), this.on("close", onclose), {
          [Symbol.asyncIterator]() {
            return this;
          },
          next() {
            return new Promise(onnext);
          },
          return() {
            return destroy(null);
          },
          throw(err) {
            return destroy(err);
          }
        };
        function consumeCallback(err) {
          if (!entryCallback) return;
          let cb = entryCallback;
          entryCallback = null, cb(err);
        }
        function onnext(resolve4, reject) {
          if (error2)
            return reject(error2);
          if (entryStream) {
            resolve4({ value: entryStream, done: !1 }), entryStream = null;
            return;
          }
          promiseResolve = resolve4, promiseReject = reject, consumeCallback(null), extract._finished && promiseResolve && (promiseResolve({ value: void 0, done: !0 }), promiseResolve = promiseReject = null);
        }
        function onentry(header, stream, callback) {
          entryCallback = callback, stream.on("error", noop), promiseResolve ? (promiseResolve({ value: stream, done: !1 }), promiseResolve = promiseReject = null) : entryStream = stream;
        }
        function onclose() {
          consumeCallback(error2), promiseResolve && (error2 ? promiseReject(error2) : promiseResolve({ value: void 0, done: !0 }), promiseResolve = promiseReject = null);
        }
        function destroy(err) {
          return extract.destroy(err), consumeCallback(err), new Promise((resolve4, reject) => {
            if (extract.destroyed) return resolve4({ value: void 0, done: !0 });
            extract.once("close", function() {
              err ? reject(err) : resolve4({ value: void 0, done: !0 });
            });
          });
        }
      }
    };
    module.exports = function(opts) {
      return new Extract(opts);
    };
    function noop() {
    }
    function overflow(size) {
      return size &= 511, size && 512 - size;
    }
  }
});

// node_modules/tar-stream/constants.js
var require_constants = __commonJS({
  "node_modules/tar-stream/constants.js"(exports, module) {
    var constants4 = {
      // just for envs without fs
      S_IFMT: 61440,
      S_IFDIR: 16384,
      S_IFCHR: 8192,
      S_IFBLK: 24576,
      S_IFIFO: 4096,
      S_IFLNK: 40960
    };
    try {
      module.exports = __require("fs").constants || constants4;
    } catch {
      module.exports = constants4;
    }
  }
});

// node_modules/tar-stream/pack.js
var require_pack = __commonJS({
  "node_modules/tar-stream/pack.js"(exports, module) {
    var { Readable: Readable2, Writable, getStreamError } = require_streamx(), b4a = require_b4a(), constants4 = require_constants(), headers = require_headers(), DMODE = 493, FMODE = 420, END_OF_TAR = b4a.alloc(1024), Sink = class extends Writable {
      constructor(pack2, header, callback) {
        super({ mapWritable, eagerOpen: !0 }), this.written = 0, this.header = header, this._callback = callback, this._linkname = null, this._isLinkname = header.type === "symlink" && !header.linkname, this._isVoid = header.type !== "file" && header.type !== "contiguous-file", this._finished = !1, this._pack = pack2, this._openCallback = null, this._pack._stream === null ? this._pack._stream = this : this._pack._pending.push(this);
      }
      _open(cb) {
        this._openCallback = cb, this._pack._stream === this && this._continueOpen();
      }
      _continuePack(err) {
        if (this._callback === null) return;
        let callback = this._callback;
        this._callback = null, callback(err);
      }
      _continueOpen() {
        this._pack._stream === null && (this._pack._stream = this);
        let cb = this._openCallback;
        if (this._openCallback = null, cb !== null) {
          if (this._pack.destroying) return cb(new Error("pack stream destroyed"));
          if (this._pack._finalized) return cb(new Error("pack stream is already finalized"));
          this._pack._stream = this, this._isLinkname || this._pack._encode(this.header), this._isVoid && (this._finish(), this._continuePack(null)), cb(null);
        }
      }
      _write(data, cb) {
        if (this._isLinkname)
          return this._linkname = this._linkname ? b4a.concat([this._linkname, data]) : data, cb(null);
        if (this._isVoid)
          return data.byteLength > 0 ? cb(new Error("No body allowed for this entry")) : cb();
        if (this.written += data.byteLength, this._pack.push(data)) return cb();
        this._pack._drain = cb;
      }
      _finish() {
        this._finished || (this._finished = !0, this._isLinkname && (this.header.linkname = this._linkname ? b4a.toString(this._linkname, "utf-8") : "", this._pack._encode(this.header)), overflow(this._pack, this.header.size), this._pack._done(this));
      }
      _final(cb) {
        if (this.written !== this.header.size)
          return cb(new Error("Size mismatch"));
        this._finish(), cb(null);
      }
      _getError() {
        return getStreamError(this) || new Error("tar entry destroyed");
      }
      _predestroy() {
        this._pack.destroy(this._getError());
      }
      _destroy(cb) {
        this._pack._done(this), this._continuePack(this._finished ? null : this._getError()), cb();
      }
    }, Pack = class extends Readable2 {
      constructor(opts) {
        super(opts), this._drain = noop, this._finalized = !1, this._finalizing = !1, this._pending = [], this._stream = null;
      }
      entry(header, buffer, callback) {
        if (this._finalized || this.destroying) throw new Error("already finalized or destroyed");
        typeof buffer == "function" && (callback = buffer, buffer = null), callback || (callback = noop), (!header.size || header.type === "symlink") && (header.size = 0), header.type || (header.type = modeToType(header.mode)), header.mode || (header.mode = header.type === "directory" ? DMODE : FMODE), header.uid || (header.uid = 0), header.gid || (header.gid = 0), header.mtime || (header.mtime = /* @__PURE__ */ new Date()), typeof buffer == "string" && (buffer = b4a.from(buffer));
        let sink = new Sink(this, header, callback);
        return b4a.isBuffer(buffer) ? (header.size = buffer.byteLength, sink.write(buffer), sink.end(), sink) : (sink._isVoid, sink);
      }
      finalize() {
        if (this._stream || this._pending.length > 0) {
          this._finalizing = !0;
          return;
        }
        this._finalized || (this._finalized = !0, this.push(END_OF_TAR), this.push(null));
      }
      _done(stream) {
        stream === this._stream && (this._stream = null, this._finalizing && this.finalize(), this._pending.length && this._pending.shift()._continueOpen());
      }
      _encode(header) {
        if (!header.pax) {
          let buf = headers.encode(header);
          if (buf) {
            this.push(buf);
            return;
          }
        }
        this._encodePax(header);
      }
      _encodePax(header) {
        let paxHeader = headers.encodePax({
          name: header.name,
          linkname: header.linkname,
          pax: header.pax
        }), newHeader = {
          name: "PaxHeader",
          mode: header.mode,
          uid: header.uid,
          gid: header.gid,
          size: paxHeader.byteLength,
          mtime: header.mtime,
          type: "pax-header",
          linkname: header.linkname && "PaxHeader",
          uname: header.uname,
          gname: header.gname,
          devmajor: header.devmajor,
          devminor: header.devminor
        };
        this.push(headers.encode(newHeader)), this.push(paxHeader), overflow(this, paxHeader.byteLength), newHeader.size = header.size, newHeader.type = header.type, this.push(headers.encode(newHeader));
      }
      _doDrain() {
        let drain = this._drain;
        this._drain = noop, drain();
      }
      _predestroy() {
        let err = getStreamError(this);
        for (this._stream && this._stream.destroy(err); this._pending.length; ) {
          let stream = this._pending.shift();
          stream.destroy(err), stream._continueOpen();
        }
        this._doDrain();
      }
      _read(cb) {
        this._doDrain(), cb();
      }
    };
    module.exports = function(opts) {
      return new Pack(opts);
    };
    function modeToType(mode) {
      switch (mode & constants4.S_IFMT) {
        case constants4.S_IFBLK:
          return "block-device";
        case constants4.S_IFCHR:
          return "character-device";
        case constants4.S_IFDIR:
          return "directory";
        case constants4.S_IFIFO:
          return "fifo";
        case constants4.S_IFLNK:
          return "symlink";
      }
      return "file";
    }
    function noop() {
    }
    function overflow(self, size) {
      size &= 511, size && self.push(END_OF_TAR.subarray(0, 512 - size));
    }
    function mapWritable(buf) {
      return b4a.isBuffer(buf) ? buf : b4a.from(buf);
    }
  }
});

// node_modules/tar-stream/index.js
var require_tar_stream = __commonJS({
  "node_modules/tar-stream/index.js"(exports) {
    exports.extract = require_extract();
    exports.pack = require_pack();
  }
});

// packages/core/src/state.ts
var actionsState = {
  get: (key) => getState(key),
  set: (key, value) => saveState(key, value)
};
function memoryState() {
  let values = /* @__PURE__ */ new Map();
  return { get: (k) => values.get(k) ?? "", set: (k, v) => {
    values.set(k, v);
  } };
}
var StateKey = {
  /** JSON of the cache entries to save in post (see cache.ts). */
  CachePlan: "gantry-cache-plan",
  /** Files to delete in post (e.g. an SSH key). */
  Cleanup: "gantry-cleanup",
  /** The deploy in flight (run id, state-dir, inputs without secrets), for post to finish or roll back. */
  DeployRun: "gantry-deploy-run",
  /** The pipeline's stages that ran, for their post steps. */
  PipelineSteps: "gantry-pipeline-steps"
};

// packages/core/src/errors.ts
var GantryError = class extends Error {
  name = "GantryError";
}, InputError = class extends GantryError {
  constructor(input, value, accepted) {
    super(`input '${input}': ${JSON.stringify(value)} is not valid; ${accepted}`);
    this.input = input;
    this.value = value;
    this.accepted = accepted;
  }
  input;
  value;
  accepted;
  name = "InputError";
};
function messageOf(err) {
  return err instanceof Error ? err.message : String(err);
}

// packages/core/src/units.ts
var SIZE_UNITS = {
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  KIB: 1024,
  MIB: 1048576,
  GIB: 1073741824
};
function parseSize(text) {
  let m = /^(\d+(?:\.\d+)?)([A-Za-z]*)$/.exec(text.trim());
  if (!m) return;
  let unit = (m[2] || "B").toUpperCase(), factor = SIZE_UNITS[unit];
  if (factor === void 0) return;
  let bytes = Number(m[1]) * factor;
  return Number.isFinite(bytes) ? Math.round(bytes) : void 0;
}
var SIZE_ACCEPTED = "accepted: a number with a unit and no space, e.g. 8MB, 512KiB, 1200000B", DURATION_UNITS = { ms: 1, s: 1e3, m: 6e4, h: 36e5 };
function parseDuration(text) {
  let t = text.trim();
  if (!/^(\d+(?:\.\d+)?(ms|s|m|h))+$/.test(t)) return;
  let total = 0;
  for (let m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) total += Number(m[1]) * DURATION_UNITS[m[2]];
  return Number.isFinite(total) ? Math.round(total) : void 0;
}
var DURATION_ACCEPTED = "accepted: a number with a unit (ms, s, m, h), e.g. 30s, 5m30s, 250ms";
function parsePercent(text) {
  let m = /^(\d+(?:\.\d+)?)%$/.exec(text.trim());
  return m ? Number(m[1]) : void 0;
}
function formatBytes(bytes) {
  let units = ["B", "KiB", "MiB", "GiB"], v = bytes, i = 0;
  for (; Math.abs(v) >= 1024 && i < units.length - 1; )
    v /= 1024, i++;
  return i === 0 ? `${v} B` : `${v.toFixed(1)} ${units[i]}`;
}
function formatDuration(ms) {
  return ms < 1e3 ? `${Math.round(ms)} ms` : `${(ms / 1e3).toFixed(1)} s`;
}

// packages/core/src/inputs.ts
function envInputSource(env = process.env) {
  return (name) => env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`];
}
function mapInputSource(values) {
  return (name) => values[name];
}
var InputReader = class _InputReader {
  constructor(source, defaults = {}) {
    this.source = source;
    this.defaults = defaults;
  }
  source;
  defaults;
  /**
   * A reader over another stage's inputs: `prefix + name` from the same source (the pipeline's
   * `slim-max-size`), with that stage's defaults, and fixed values that win (the manifest).
   */
  scoped(prefix, defaults, fixed = {}) {
    return new _InputReader((name) => fixed[name] ?? this.source(prefix + name), defaults);
  }
  /** Raw trimmed text, or the default, or "". */
  string(name) {
    let raw = this.source(name);
    return (raw === void 0 || raw.trim() === "" ? this.defaults[name] ?? "" : raw).trim();
  }
  /** Like string() but fails when empty. */
  required(name, accepted) {
    let v = this.string(name);
    if (v === "") throw new InputError(name, v, `it is required; ${accepted}`);
    return v;
  }
  /**
   * true or false, spelt as YAML 1.2 and @actions/core's getBooleanInput accept them (true, True,
   * TRUE …); `yes`, `on` or `1` are refused like any other text rather than guessed (issue 11).
   */
  bool(name) {
    let v = this.string(name);
    if (/^(true|True|TRUE)$/.test(v)) return !0;
    if (/^(false|False|FALSE|)$/.test(v)) return !1;
    throw new InputError(name, v, "accepted: true or false");
  }
  choice(name, options) {
    let v = this.string(name);
    if (options.includes(v)) return v;
    throw new InputError(name, v, `accepted: ${options.join(", ")}`);
  }
  /** Comma- or newline-separated values, trimmed, empty ones dropped. */
  list(name) {
    return splitList(this.string(name));
  }
  /** Newline-separated values only (for values that may contain commas). */
  lines(name) {
    return this.string(name).split(/\r?\n/).map((s) => s.trim()).filter((s) => s !== "");
  }
  int(name, min, max) {
    let v = this.string(name);
    if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max)
      throw new InputError(name, v, `accepted: a whole number from ${min} to ${max}`);
    return Number(v);
  }
  /** Milliseconds; a unit is required. */
  duration(name) {
    let v = this.string(name), ms = parseDuration(v);
    if (ms === void 0) throw new InputError(name, v, DURATION_ACCEPTED);
    return ms;
  }
  /** Bytes, or undefined when empty. */
  size(name) {
    let v = this.string(name);
    if (v === "") return;
    let bytes = parseSize(v);
    if (bytes === void 0) throw new InputError(name, v, SIZE_ACCEPTED);
    return bytes;
  }
  /** A percentage from 0 to 100, or undefined when empty. */
  percent(name) {
    let v = this.string(name);
    if (v === "") return;
    let p = parsePercent(v) ?? (/^\d+(\.\d+)?$/.test(v) ? Number(v) : void 0);
    if (p === void 0 || p < 0 || p > 100) throw new InputError(name, v, "accepted: a percentage from 0 to 100, e.g. 80 or 1.5%");
    return p;
  }
  /** `KEY=value` lines; keys must be valid environment variable names. */
  keyValues(name) {
    let out = {};
    for (let line of this.lines(name)) {
      let eq = line.indexOf("="), key = eq > 0 ? line.slice(0, eq).trim() : "";
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
        throw new InputError(name, line, "accepted: one KEY=value per line, KEY made of letters, digits and _");
      out[key] = line.slice(eq + 1);
    }
    return out;
  }
};
function splitList(text) {
  return text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s !== "");
}

// packages/core/src/report.ts
var MAX_ANNOTATIONS = 50, RANK = { error: 0, warning: 1, notice: 2 }, QueueingReporter = class {
  queued = [];
  annotate(annotation) {
    this.queued.push(annotation);
  }
  warning(message, where2 = {}) {
    this.annotate({ level: "warning", message, ...where2 });
  }
  notice(message, where2 = {}) {
    this.annotate({ level: "notice", message, ...where2 });
  }
  flush() {
    let ordered = this.queued.splice(0).map((a, i) => ({ a, i }));
    ordered.sort((x, y) => RANK[x.a.level] - RANK[y.a.level] || x.i - y.i);
    for (let { a } of ordered.slice(0, MAX_ANNOTATIONS)) this.emit(a);
    let dropped = ordered.length - MAX_ANNOTATIONS;
    if (dropped > 0) {
      this.info(`${dropped} more annotation(s) not shown (GitHub keeps ${MAX_ANNOTATIONS} per step):`);
      for (let { a } of ordered.slice(MAX_ANNOTATIONS)) this.info(`  ${a.level}: ${where(a)}${a.message}`);
    }
  }
};
function where(a) {
  return a.file ? `${a.file}${a.line ? `:${a.line}${a.col ? `:${a.col}` : ""}` : ""}: ` : "";
}
var ActionsReporter = class extends QueueingReporter {
  info(message) {
    info(message);
  }
  debug(message) {
    debug(message);
  }
  group(title, fn) {
    return group(title, fn);
  }
  mask(secret) {
    secret && setSecret(secret);
  }
  emit(a) {
    let all = { title: a.title, file: a.file, startLine: a.line, startColumn: a.col }, props = Object.fromEntries(Object.entries(all).filter(([, v]) => v !== void 0)), emit = { error, warning, notice }[a.level];
    emit(a.message, props);
  }
}, TerminalReporter = class extends QueueingReporter {
  constructor(out = (l) => process.stderr.write(`${l}
`), verbose = !1) {
    super();
    this.out = out;
    this.verbose = verbose;
  }
  out;
  verbose;
  secrets = [];
  clean(text) {
    return this.secrets.reduce((t, s) => t.split(s).join("***"), text);
  }
  info(message) {
    this.out(this.clean(message));
  }
  debug(message) {
    this.verbose && this.out(this.clean(`debug: ${message}`));
  }
  async group(title, fn) {
    return this.out(this.clean(`▸ ${title}`)), fn();
  }
  mask(secret) {
    secret && this.secrets.push(secret);
  }
  emit(a) {
    this.out(this.clean(`${a.level}: ${where(a)}${a.title ? `${a.title}: ` : ""}${a.message}`));
  }
};

// packages/core/src/summary.ts
import { appendFileSync } from "node:fs";
var MAX_SUMMARY_BYTES = 1024 * 1024 - 16 * 1024;
function cell(text) {
  return String(text).replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
}
function table(headers, rows) {
  let head = `| ${headers.map(cell).join(" | ")} |`, sep = `| ${headers.map(() => "---").join(" | ")} |`;
  return [head, sep, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join(`
`);
}
function details(summary, body) {
  return `<details><summary>${summary}</summary>

${body}

</details>`;
}
function codeBlock(text, lang = "") {
  let longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((m) => m[0].length)), fence = "`".repeat(longest + 1);
  return `${fence}${lang}
${text}
${fence}`;
}
function writeSummary(markdown, reporter, env = process.env) {
  let text = markdown.endsWith(`
`) ? markdown : `${markdown}
`;
  Buffer.byteLength(text) > MAX_SUMMARY_BYTES && (text = `${Buffer.from(text).subarray(0, MAX_SUMMARY_BYTES).toString("utf8")}

… summary truncated at ${MAX_SUMMARY_BYTES} bytes
`);
  let file = env.GITHUB_STEP_SUMMARY;
  if (!file) {
    reporter.info(text);
    return;
  }
  try {
    appendFileSync(file, text);
  } catch (err) {
    reporter.warning(`could not write the job summary (${err.message}); it follows in the log`), reporter.info(text);
  }
}

// packages/core/src/stage.ts
async function parseStageInputs(stage2, source, ctx) {
  let read = new InputReader(source, stage2.inputs);
  for (let name of stage2.secrets ?? []) {
    let value = read.string(name);
    if (value) {
      ctx.reporter.mask(value);
      for (let line of value.split(/\r?\n/)) line.trim().length > 3 && ctx.reporter.mask(line.trim());
    }
  }
  return stage2.parse(read, ctx);
}
function formatOutput(value) {
  return value === void 0 ? "" : typeof value == "object" ? JSON.stringify(value) : String(value);
}
function actionsContext(reporter) {
  return {
    reporter,
    state: actionsState,
    env: process.env,
    cwd: process.cwd(),
    setOutput: (name, value) => setOutput(name, formatOutput(value)),
    summary: (md) => writeSummary(md, reporter)
  };
}
function failureMessage(err, reporter) {
  return !(err instanceof GantryError) && err instanceof Error && err.stack && reporter.debug(err.stack), messageOf(err);
}
async function runActionMain(stage2) {
  let reporter = new ActionsReporter(), ctx = actionsContext(reporter);
  try {
    let inputs = await parseStageInputs(stage2, envInputSource(), ctx);
    await stage2.run(inputs, ctx);
  } catch (err) {
    reporter.flush(), setFailed(failureMessage(err, reporter));
  } finally {
    reporter.flush();
  }
}
async function runActionPost(stage2) {
  let reporter = new ActionsReporter();
  try {
    await stage2.post?.(actionsContext(reporter));
  } catch (err) {
    reporter.warning(`post step: ${failureMessage(err, reporter)}`);
  } finally {
    reporter.flush();
  }
}

// packages/core/src/target.ts
var PART = /^[a-z0-9][a-z0-9.]*$/;
function parseTarget(text, input = "targets") {
  let parts = text.trim().split("/");
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p)))
    throw new InputError(input, text, "accepted: os/arch or os/arch/variant in lower case, e.g. linux/amd64, linux/arm/v7");
  return { os: parts[0], arch: parts[1], variant: parts[2] ?? "" };
}
function formatTarget(t) {
  return t.variant ? `${t.os}/${t.arch}/${t.variant}` : `${t.os}/${t.arch}`;
}
function targetSlug(t) {
  return `${t.os}_${t.arch}${t.variant}`;
}
function exeSuffix(t) {
  return t.os === "windows" ? ".exe" : "";
}
function hostTarget() {
  let arch = { x64: "amd64", arm64: "arm64", arm: "arm", ia32: "386", ppc64: "ppc64le", s390x: "s390x", riscv64: "riscv64" }[process.arch] ?? process.arch;
  return { os: process.platform === "win32" ? "windows" : process.platform, arch, variant: "" };
}
function editDistance(a, b) {
  let row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      let tmp = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1)), prev = tmp;
    }
  }
  return row[b.length];
}
function nearest(value, candidates, count = 5) {
  return [...candidates].map((c) => ({ c, d: editDistance(value, c) })).sort((x, y) => x.d - y.d || x.c.localeCompare(y.c)).slice(0, count).map((x) => x.c);
}

// packages/core/src/tools.ts
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir as mkdir2, rm as rm2 } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";

// packages/core/src/fsx.ts
import { createHash, randomBytes } from "node:crypto";
import { constants, createReadStream } from "node:fs";
import { access, copyFile, mkdir, open, rename, rm, stat } from "node:fs/promises";
import { dirname } from "node:path";
async function sha256File(path2) {
  let hash = createHash("sha256");
  for await (let chunk of createReadStream(path2)) hash.update(chunk);
  return hash.digest("hex");
}
function sha256(data) {
  return createHash("sha256").update(data).digest("hex");
}
async function exists(path2) {
  try {
    return await access(path2), !0;
  } catch {
    return !1;
  }
}
function tempPathBeside(path2) {
  return `${path2}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`;
}
var EXCLUSIVE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
async function writeNewFile(path2, data, mode) {
  let fh = await open(path2, EXCLUSIVE, mode ?? 438);
  try {
    if (typeof data == "string" || data instanceof Uint8Array) await fh.writeFile(data);
    else for await (let chunk of data) await fh.write(chunk);
    mode !== void 0 && await fh.chmod(mode);
  } finally {
    await fh.close();
  }
}
async function writeFileAtomic(path2, data, mode, tmp = tempPathBeside(path2)) {
  try {
    await writeNewFile(tmp, data, mode).catch(async (err) => {
      if (err.code !== "ENOENT") throw err;
      await mkdir(dirname(path2), { recursive: !0 }), await writeNewFile(tmp, data, mode);
    }), await rename(tmp, path2);
  } catch (err) {
    throw await rm(tmp, { force: !0 }), err;
  }
}
async function copyFileAtomic(source, path2) {
  let tmp = tempPathBeside(path2);
  try {
    await copyFile(source, tmp, constants.COPYFILE_EXCL), await rename(tmp, path2);
  } catch (err) {
    throw await rm(tmp, { force: !0 }), err;
  }
}

// packages/core/src/http.ts
function redactUrl(url) {
  try {
    let u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return "(an unparsable URL)";
  }
}
var HttpTimeoutError = class extends GantryError {
  constructor(request, limitMs, phase) {
    super(`${request} ${phase === "answer" ? "got no answer" : "sent no data"} within the ${formatDuration(limitMs)} limit`);
    this.request = request;
    this.limitMs = limitMs;
  }
  request;
  limitMs;
  name = "HttpTimeoutError";
}, PIECE = 64 * 1024;
async function fetchWithTimeout(url, init, timeoutMs) {
  let what = `${init.method ?? "GET"} ${redactUrl(url)}`, ctrl = new AbortController(), timer, arm = (phase) => {
    clearTimeout(timer), timer = setTimeout(() => ctrl.abort(new HttpTimeoutError(what, timeoutMs, phase)), timeoutMs), timer.unref();
  };
  arm("answer");
  let bytes = init.body, offset = 0, body = bytes && bytes.length > PIECE ? new ReadableStream({
    pull(c) {
      if (arm("answer"), offset >= bytes.length) return c.close();
      c.enqueue(bytes.subarray(offset, offset + PIECE)), offset += PIECE;
    }
  }) : bytes, res;
  try {
    res = await fetch(url, {
      method: init.method,
      headers: init.headers,
      body,
      redirect: init.redirect ?? "manual",
      signal: ctrl.signal,
      duplex: "half"
    });
  } catch (err) {
    throw clearTimeout(timer), ctrl.signal.aborted ? ctrl.signal.reason : err;
  }
  if (!res.body)
    return clearTimeout(timer), res;
  arm("data");
  let watched = res.body.pipeThrough(
    new TransformStream({
      transform(chunk, c) {
        arm("data"), c.enqueue(chunk);
      },
      flush: () => clearTimeout(timer)
    }),
    { signal: ctrl.signal }
  );
  return new Response(watched, { status: res.status, statusText: res.statusText, headers: res.headers });
}
async function readBodyLimited(res, max, what) {
  let chunks = [], size = 0;
  for await (let chunk of res.body ?? []) {
    if (size += chunk.length, size > max)
      throw await res.body?.cancel().catch(() => {
      }), new GantryError(`${what} is larger than ${max} bytes; refusing to read more`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
async function discardBody(res) {
  await res.body?.cancel().catch(() => {
  });
}
function safeText(text) {
  return text.trim().replace(/\r\n?/g, `
`).replace(/\t/g, " ").replace(/%/g, "%25").replace(/\n/g, "%0A").replace(/[\p{Cc}\p{Cf}]/gu, "");
}
async function readErrorBody(res, max = 4096) {
  let chunks = [], size = 0;
  try {
    for await (let chunk of res.body ?? [])
      if (chunks.push(chunk), size += chunk.length, size >= max) break;
  } catch {
  }
  await res.body?.cancel().catch(() => {
  });
  let text = Buffer.concat(chunks).subarray(0, max).toString("utf8").replace(/\uFFFD+$/, "");
  return safeText(text) + (size > max ? " …" : "");
}

// packages/core/src/tools.ts
function ensureRunnerDirs(env = process.env) {
  let base = join(env.XDG_CACHE_HOME ?? join(homedir(), ".cache"), "gantry");
  env.RUNNER_TOOL_CACHE ||= join(base, "tool-cache"), env.RUNNER_TEMP ||= join(base, "tmp");
}
function toolCache() {
  return import("./tool-cache-P6K6LJXK.js");
}
async function findCachedTool(tool, version, arch) {
  return ensureRunnerDirs(), (await toolCache()).find(tool, version, arch) || void 0;
}
var TOOL_DOWNLOAD_TIMEOUT_MS = 6e4, TOOL_DOWNLOAD_MAX_BYTES = 512 * 1024 * 1024;
function sizeLimit(limit, what) {
  return async function* (source) {
    let size = 0;
    for await (let chunk of source) {
      if (size += chunk.length, size > limit) throw new GantryError(`the download is larger than ${what} (${limit} bytes); it was stopped`);
      yield chunk;
    }
  };
}
async function download(url, timeoutMs, size) {
  let dir = process.env.RUNNER_TEMP;
  await mkdir2(dir, { recursive: !0 });
  let file = join(dir, `gantry-download-${randomUUID()}`);
  try {
    let res = await fetchWithTimeout(url, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok || !res.body) {
      let why = `HTTP ${res.status}${res.ok ? "" : ` ${await readErrorBody(res, 512)}`}`.trim();
      throw Object.assign(new GantryError(why), { retryable: res.status >= 500 || res.status === 429 });
    }
    let limit = size ?? TOOL_DOWNLOAD_MAX_BYTES, what = size === void 0 ? "the limit for a tool download, TOOL_DOWNLOAD_MAX_BYTES" : "the size the release list gives", declared = Number(res.headers.get("content-length") ?? Number.NaN);
    if (declared > limit)
      throw await res.body.cancel().catch(() => {
      }), new GantryError(`the server announces ${declared} bytes, more than ${what} (${limit} bytes); it was not downloaded`);
    let body = Readable.fromWeb(res.body);
    return await pipeline(body, sizeLimit(limit, what), createWriteStream(file, { mode: 384 })), file;
  } catch (err) {
    throw await rm2(file, { force: !0 }), err;
  }
}
async function installTool(release, reporter, timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS) {
  let cached = await findCachedTool(release.tool, release.version, release.arch), tc = await toolCache();
  if (cached)
    return reporter.info(`${release.tool} ${release.version} (${release.arch}) found in the tool cache`), cached;
  let where2 = redactUrl(release.url);
  reporter.info(`downloading ${release.tool} ${release.version} (${release.arch}) from ${where2}`);
  let file = "";
  for (let attempt = 1; !file; attempt++)
    try {
      file = await download(release.url, timeoutMs, release.size);
    } catch (err) {
      if (!(err.retryable ?? !(err instanceof GantryError)) || attempt === 3)
        throw new GantryError(`${release.tool} ${release.version} could not be downloaded from ${where2}: ${err.message}`);
      reporter.info(`download of ${where2} failed (${err.message}); retrying`), await new Promise((r) => setTimeout(r, 1e3 * attempt));
    }
  try {
    let actual = await sha256File(file);
    if (actual !== release.sha256.toLowerCase())
      throw new GantryError(`${release.tool} ${release.version} from ${where2} has sha256 ${actual}, expected ${release.sha256}; it was not installed`);
    let extracted = release.format === "zip" ? await tc.extractZip(file) : await tc.extractTar(file, void 0, release.format === "tar.xz" ? "xJ" : "xz"), dir = release.root ? join(extracted, release.root) : extracted;
    return await tc.cacheDir(dir, release.tool, release.version, release.arch);
  } finally {
    await rm2(file, { force: !0 });
  }
}
function runnerArch() {
  return process.arch;
}

// packages/core/src/cache.ts
function cacheServiceConfigured(env = process.env) {
  return !!(env.ACTIONS_CACHE_URL || env.ACTIONS_RESULTS_URL);
}
async function restoreCache(plan, reporter, state) {
  let cache = cacheServiceConfigured() ? await import("./cache-DA2DL6FM.js") : void 0;
  if (!cache?.isFeatureAvailable())
    return reporter.info("cache: no cache service here (ACTIONS_CACHE_URL / ACTIONS_RESULTS_URL unset); going on without one"), { available: !1, hit: !1 };
  let matched;
  try {
    matched = await cache.restoreCache(plan.paths, plan.key, plan.restoreKeys);
  } catch (err) {
    reporter.warning(`cache: restore failed, going on without it: ${err.message}`);
  }
  return state.set(StateKey.CachePlan, JSON.stringify({ ...plan, matched })), reporter.info(matched ? `cache: restored ${matched}${matched === plan.key ? " (exact)" : " (partial)"}` : `cache: no entry for ${plan.key}`), { available: !0, hit: matched === plan.key, matched };
}
async function saveCachePlan(reporter, state) {
  let raw = state.get(StateKey.CachePlan);
  if (!raw) return;
  let plan = JSON.parse(raw);
  if (plan.matched === plan.key) {
    reporter.info(`cache: ${plan.key} was an exact hit; nothing to save`);
    return;
  }
  let cache = await import("./cache-DA2DL6FM.js");
  try {
    await cache.saveCache(plan.paths, plan.key), reporter.info(`cache: saved ${plan.key}`);
  } catch (err) {
    err instanceof cache.ReserveCacheError ? reporter.info(`cache: ${plan.key} is being saved by another job; skipped`) : reporter.warning(`cache: save failed: ${err.message}`);
  }
}

// packages/core/src/exec.ts
import { spawn } from "node:child_process";
import { StringDecoder } from "node:string_decoder";
var ExecError = class extends GantryError {
  constructor(result) {
    let how = result.timedOut ? "timed out" : result.signal ? `was killed by ${result.signal}` : `exited with ${result.code}`, tail = lastLines(result.stderr || result.stdout, 10);
    super(`\`${result.command.join(" ")}\` ${how}${tail ? `:
${tail}` : ""}`);
    this.result = result;
  }
  result;
  name = "ExecError";
  get code() {
    return this.result.code;
  }
  get stderrTail() {
    return lastLines(this.result.stderr, 10);
  }
}, intervals = [];
function childProcessTime() {
  let sorted = [...intervals].sort((a, b) => a[0] - b[0]), total = 0, end = Number.NEGATIVE_INFINITY;
  for (let [s, e] of sorted)
    e <= end || (total += e - Math.max(s, end), end = e);
  return total;
}
function lastLines(text, n) {
  return text.trimEnd().split(`
`).slice(-n).join(`
`);
}
function exec(file, args, options = {}) {
  let started = performance.now(), maxBuffer = options.maxBuffer ?? 8 * 1024 * 1024, env = { ...options.env ?? process.env };
  for (let [k, v] of Object.entries(options.extraEnv ?? {}))
    v === void 0 ? delete env[k] : env[k] = v;
  return new Promise((resolve4, reject) => {
    let child = spawn(file, args, { cwd: options.cwd, env, stdio: ["pipe", "pipe", "pipe"] }), out = new StreamCollector(maxBuffer, options.onStdoutLine), err = new StreamCollector(maxBuffer, options.onStderrLine);
    child.stdout.on("data", (d) => out.push(d)), child.stderr.on("data", (d) => err.push(d));
    let timedOut = !1, killTimer, timer = options.timeoutMs === void 0 ? void 0 : setTimeout(() => {
      timedOut = !0, child.kill("SIGTERM"), killTimer = setTimeout(() => child.kill("SIGKILL"), 2e3);
    }, options.timeoutMs);
    child.on("error", (e) => {
      clearTimeout(timer), clearTimeout(killTimer), reject(
        new GantryError(
          e.code === "ENOENT" ? `\`${file}\` was not found on PATH (or cwd ${options.cwd ?? "."} does not exist)` : `\`${file}\` could not start: ${e.message}`
        )
      );
    }), child.on("close", (code, signal) => {
      clearTimeout(timer), clearTimeout(killTimer), intervals.push([started, performance.now()]);
      let result = {
        command: [file, ...args],
        code,
        signal,
        stdout: out.end(),
        stderr: err.end(),
        durationMs: performance.now() - started,
        timedOut
      };
      code === 0 && !timedOut || options.allowFailure ? resolve4(result) : reject(new ExecError(result));
    }), child.stdin.on("error", () => {
    }), child.stdin.end(options.input);
  });
}
var LineSplitter = class {
  constructor(onLine) {
    this.onLine = onLine;
  }
  onLine;
  pending = [];
  decoder = new StringDecoder("utf8");
  push(d) {
    let text = this.decoder.write(d), start = 0;
    for (let nl = text.indexOf(`
`); nl >= 0; nl = text.indexOf(`
`, start)) {
      this.pending.push(text.slice(start, nl));
      let line = this.pending.join("");
      this.pending = [], this.onLine(line), start = nl + 1;
    }
    start < text.length && this.pending.push(text.slice(start));
  }
  /** Flushes the last, unterminated line. */
  end() {
    let rest = this.pending.join("") + this.decoder.end();
    this.pending = [], rest !== "" && this.onLine(rest);
  }
}, StreamCollector = class {
  constructor(max, onLine) {
    this.max = max;
    onLine && (this.lines = new LineSplitter(onLine));
  }
  max;
  chunks = [];
  size = 0;
  lines;
  push(d) {
    for (this.chunks.push(d), this.size += d.length; this.size > this.max && this.chunks.length > 1; ) this.size -= this.chunks.shift().length;
    this.lines?.push(d);
  }
  end() {
    return this.lines?.end(), Buffer.concat(this.chunks).toString("utf8");
  }
};

// packages/core/src/manifest.ts
import { readFile } from "node:fs/promises";
import { dirname as dirname2, isAbsolute, relative, resolve } from "node:path";
var MANIFEST_FILE = "artifacts.json";
async function readManifest(path2) {
  let text;
  try {
    text = await readFile(path2, "utf8");
  } catch (err) {
    throw new GantryError(`manifest ${path2} cannot be read (${err.code}); run go-build first or pass its path`);
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new GantryError(`manifest ${path2} is not valid JSON: ${err.message}`);
  }
  let m = data;
  if (m?.schema !== 1 || !Array.isArray(m.artifacts))
    throw new GantryError(`manifest ${path2} is not a gantry artifacts manifest (expected schema 1 with an artifacts array)`);
  for (let a of m.artifacts)
    if (typeof a?.path != "string" || typeof a.target != "string" || typeof a.sha256 != "string")
      throw new GantryError(`manifest ${path2} has an artifact without path, target or sha256: ${JSON.stringify(a)}`);
  return m;
}
async function writeManifest(path2, manifest) {
  await writeFileAtomic(path2, `${JSON.stringify(manifest, null, 2)}
`);
}
function resolveInManifest(manifestPath, file) {
  return isAbsolute(file) ? file : resolve(dirname2(manifestPath), file);
}

// packages/core/src/golang.ts
var semver = __toESM(require_semver(), 1);
import { readFile as readFile2 } from "node:fs/promises";
import { basename, join as join2 } from "node:path";
function normalizeGoVersion(text) {
  let m = /^(?:go)?(\d+)\.(\d+)(?:\.(\d+))?((?:rc|beta)\d+)?$/.exec(text.trim());
  if (m)
    return `${m[1]}.${m[2]}.${m[3] ?? "0"}${m[4] ? `-${m[4]}` : ""}`;
}
async function describeGo(go) {
  let { stdout } = await exec(go, ["env", "GOVERSION", "GOROOT", "GOCACHE", "GOMODCACHE", "GOHOSTOS", "GOHOSTARCH"]), [v = "", goroot = "", gocache = "", gomodcache = "", hostOS = "", hostArch = ""] = stdout.split(`
`).map((s) => s.trim()), version = normalizeGoVersion(v);
  if (!version) throw new GantryError(`\`${go} env GOVERSION\` printed ${JSON.stringify(v)}, which is not a Go version`);
  return { go, version, goroot, gocache, gomodcache, hostOS, hostArch };
}
function goVersionRange(spec, input = "go-version") {
  let s = spec.trim().replace(/^go/, "");
  if (/^\d+\.\d+$/.test(s)) return `${s}.x`;
  let exact = normalizeGoVersion(s);
  if (exact) return exact;
  let range = semver.validRange(s);
  if (!range) throw new InputError(input, spec, "accepted: a Go version such as 1.22, 1.22.3 or a range such as >=1.21");
  return range;
}
async function goVersionFromFile(path2) {
  let text;
  try {
    text = await readFile2(path2, "utf8");
  } catch {
    throw new InputError("go-version-file", path2, "the file cannot be read; accepted: a path to go.mod, go.work, .go-version or .tool-versions");
  }
  let name = basename(path2);
  if (name === "go.mod" || name === "go.work") {
    let toolchain = /^toolchain\s+go(\S+)/m.exec(text)?.[1];
    if (toolchain) return normalizeGoVersion(toolchain) ?? toolchain;
    let directive = /^go\s+(\d+\.\d+(?:\.\d+)?)/m.exec(text)?.[1];
    if (!directive) throw new InputError("go-version-file", path2, "it has no `go` directive");
    return `>=${normalizeGoVersion(directive)}`;
  }
  let tv = /^golang\s+(\S+)/m.exec(text)?.[1], v = (name === ".tool-versions" ? tv : text.trim().split(/\s+/)[0]) ?? "";
  if (!v) throw new InputError("go-version-file", path2, "no Go version found in it");
  return v;
}
async function moduleGoDirective(goModPath) {
  let text = await readFile2(goModPath, "utf8"), v = /^go\s+(\d+\.\d+(?:\.\d+)?)\s*$/m.exec(text)?.[1];
  return v ? normalizeGoVersion(v) : void 0;
}
var GO_ARCH = { x64: "amd64", arm64: "arm64", arm: "armv6l", ia32: "386", ppc64: "ppc64le", s390x: "s390x" }, GO_DOWNLOAD_INPUT = "go-download-base-url";
async function installFromMirror(...args) {
  try {
    return await installTool(...args);
  } catch (err) {
    throw new GantryError(`${err.message} (the mirror is ${GO_DOWNLOAD_INPUT})`);
  }
}
async function resolveGo(range, downloadBase, reporter, timeoutMs = TOOL_DOWNLOAD_TIMEOUT_MS) {
  let onPath;
  try {
    onPath = await describeGo("go");
  } catch (err) {
    if (!range) throw new GantryError(`no usable \`go\` on PATH (${err.message}); set go-version to install one`);
  }
  if (onPath && (!range || semver.satisfies(onPath.version, range, { includePrerelease: !0 }))) return onPath;
  let wanted = range;
  reporter.info(`go ${onPath?.version ?? "(none)"} on PATH does not satisfy ${wanted}; installing`);
  let index = `${downloadBase.replace(/\/$/, "")}/?mode=json&include=all`, files;
  try {
    let res = await fetchWithTimeout(index, { headers: { "User-Agent": "gantry" }, redirect: "follow" }, timeoutMs);
    if (!res.ok) throw new Error(`HTTP ${res.status} ${await readErrorBody(res, 512)}`.trim());
    files = JSON.parse((await readBodyLimited(res, 64 * 1024 * 1024, "the index")).toString("utf8")).flatMap((r) => r.files);
  } catch (err) {
    throw new GantryError(
      `the Go release index ${redactUrl(index)} could not be read: ${err.message}; set ${GO_DOWNLOAD_INPUT} to a mirror of go.dev/dl this runner can reach, or put a Go satisfying ${wanted} on PATH`
    );
  }
  let os = process.platform === "win32" ? "windows" : process.platform, arch = GO_ARCH[process.arch] ?? process.arch, best = files.filter((f) => f.os === os && f.arch === arch && f.kind === "archive" && normalizeGoVersion(f.version)).filter((f) => semver.satisfies(normalizeGoVersion(f.version), wanted, { includePrerelease: !0 })).sort((a, b) => semver.rcompare(normalizeGoVersion(a.version), normalizeGoVersion(b.version)))[0];
  if (!best) throw new GantryError(`no Go release for ${os}/${arch} satisfies ${wanted} in ${redactUrl(index)} (${GO_DOWNLOAD_INPUT})`);
  let version = normalizeGoVersion(best.version), dir = await installFromMirror(
    {
      tool: "go",
      version,
      arch: runnerArch(),
      url: `${downloadBase.replace(/\/$/, "")}/${best.filename}`,
      sha256: best.sha256,
      format: best.filename.endsWith(".zip") ? "zip" : "tar.gz",
      root: "go",
      ...typeof best.size == "number" && best.size > 0 ? { size: best.size } : {}
    },
    reporter,
    timeoutMs
  );
  return describeGo(join2(dir, "bin", os === "windows" ? "go.exe" : "go"));
}

// packages/core/src/tarball.ts
var import_tar_stream = __toESM(require_tar_stream(), 1);
function withParents(entries) {
  let byPath = /* @__PURE__ */ new Map();
  for (let e of entries) {
    let parts = e.path.replace(/\/$/, "").split("/");
    for (let i = 1; i < parts.length; i++) {
      let dir = `${parts.slice(0, i).join("/")}/`;
      byPath.has(dir) || byPath.set(dir, { path: dir, mode: 493 });
    }
  }
  for (let e of entries) byPath.set(e.path, e);
  return [...byPath.values()].sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}
async function reproducibleTar(entries, mtimeSeconds) {
  let tar = (0, import_tar_stream.pack)(), chunks = [];
  tar.on("data", (c) => chunks.push(c));
  let finished = new Promise((res, rej) => {
    tar.on("end", res), tar.on("error", rej);
  }), mtime = new Date(mtimeSeconds * 1e3);
  for (let e of withParents(entries)) {
    let header = { name: e.path, mtime, uid: 0, gid: 0, uname: "", gname: "", mode: e.mode };
    e.data === void 0 ? tar.entry({ ...header, type: "directory" }) : tar.entry({ ...header, type: "file", size: e.data.length }, Buffer.from(e.data.buffer, e.data.byteOffset, e.data.byteLength));
  }
  return tar.finalize(), await finished, Buffer.concat(chunks);
}

// packages/core/src/which.ts
import { constants as constants2 } from "node:fs";
import { access as access2 } from "node:fs/promises";
import { delimiter, isAbsolute as isAbsolute2, join as join3 } from "node:path";
async function which(command, env = process.env) {
  if (isAbsolute2(command)) return await isExecutable(command) ? command : void 0;
  for (let dir of (env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    let candidate = join3(dir, command);
    if (await isExecutable(candidate)) return candidate;
  }
}
async function isExecutable(path2) {
  try {
    return await access2(path2, constants2.X_OK), !0;
  } catch {
    return !1;
  }
}

// packages/core/src/net.ts
import { createServer } from "node:net";
function freePort() {
  return new Promise((res, rej) => {
    let srv = createServer();
    srv.once("error", rej), srv.listen(0, "127.0.0.1", () => {
      let addr = srv.address(), port = typeof addr == "object" && addr ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

// packages/core/src/secrets.ts
var SECRET_NAME = /SECRET|TOKEN|PASSW|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH|DSN|DATABASE_URL|_KEY$/i;
function isSecretName(name) {
  return SECRET_NAME.test(name);
}
var URL_PASSWORD = /[A-Za-z][A-Za-z0-9+.-]*:\/\/[^\s/:@]*:([^\s/@]+)@/g;
function urlPasswords(text) {
  let out = [];
  for (let m of text.matchAll(URL_PASSWORD)) {
    let raw = m[1];
    out.push(raw);
    try {
      let decoded = decodeURIComponent(raw);
      decoded !== raw && out.push(decoded);
    } catch {
    }
  }
  return out;
}
function envSecrets(env) {
  let out = [];
  for (let [k, v] of Object.entries(env))
    isSecretName(k) && out.push(v), out.push(...urlPasswords(v));
  return [...new Set(out.filter((v) => v.length > 0))];
}

// packages/deploy/src/deploy.ts
import { join as join12 } from "node:path";

// packages/deploy/src/model.ts
var COLORS = ["blue", "green"];
function otherColor(c) {
  return c === "blue" ? "green" : "blue";
}
function splitWeights(to, percent, hasFrom) {
  let w = { blue: 0, green: 0 };
  return w[to] = hasFrom ? percent : 100, hasFrom && (w[otherColor(to)] = 100 - percent), w;
}
function errorRate(t) {
  return t.requests > 0 ? 100 * t.errors / t.requests : void 0;
}
var PHASES = ["staging", "starting", "gating", "switching", "verifying", "promoting", "stopping-old", "rolling-back"], COMMITTED_PHASES = ["promoting", "stopping-old"], APP_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, RELEASE_VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/, FILE_NAME = /^[^/\\\0\r\n]{1,255}$/, ACCEPTED_FILE_NAME = "a file name on one line, without / or \\, not . or ..", TARGET_NAME = /^[a-z0-9]{1,32}\/[a-z0-9]{1,32}(\/[a-z0-9.]{1,16})?$/;
function checkName(value, rule, where2, accepted) {
  if (typeof value == "string" && rule.test(value) && value !== "." && value !== "..") return value;
  throw new GantryError(`${where2} ${JSON.stringify(value)} is not valid; accepted: ${accepted}`);
}
var ACCEPTED_APP = "letters, digits, '.', '_' and '-', at most 63, starting with a letter or digit", ACCEPTED_VERSION = "letters, digits and . _ + - (it names a folder), at most 128, starting with a letter or digit, e.g. v1.2.3";

// packages/deploy/src/health.ts
var sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function healthGate(host, runtime, slot, o, signal) {
  let started = performance.now(), inRow = 0, checks = 0, last = "no answer yet";
  for (; ; ) {
    if (signal?.aborted) return { ok: !1, checks, ms: performance.now() - started, reason: `cancelled (${signal.reason})` };
    if (!await runtime.alive(slot))
      return {
        ok: !1,
        checks,
        ms: performance.now() - started,
        reason: `the process exited during the health gate, ${formatDuration(performance.now() - started)} after it started`
      };
    let left = o.timeoutMs - (performance.now() - started);
    if (left <= 0) break;
    let probe = await host.httpGet(slot.port, o.path, Math.max(100, Math.min(5e3, left)));
    if (checks++, last = probe.error ? probe.error : `HTTP ${probe.status}`, inRow = probe.ok ? inRow + 1 : 0, inRow >= o.successes) return { ok: !0, checks, ms: performance.now() - started };
    await sleep(Math.min(o.intervalMs, Math.max(0, o.timeoutMs - (performance.now() - started))));
  }
  return {
    ok: !1,
    checks,
    ms: performance.now() - started,
    reason: `${o.path} did not answer 2xx ${o.successes} times in a row within ${formatDuration(o.timeoutMs)} (${checks} checks, last: ${last})`
  };
}
var EARLY_MIN_ERRORS = 5, EARLY_MIN_LATENCY_REQUESTS = 200;
function trafficVerdict(t, o, final) {
  let rate = errorRate(t);
  if (rate !== void 0 && rate > o.maxErrorRate && (final || t.errors >= EARLY_MIN_ERRORS || t.requests >= 100))
    return `error rate ${rate.toFixed(2)}% (${t.errors} of ${t.requests} requests) is over max-error-rate ${o.maxErrorRate}%`;
  if (o.maxP95Ms !== void 0 && t.latencyMs !== void 0 && t.latencyMs > o.maxP95Ms && (final || t.requests >= EARLY_MIN_LATENCY_REQUESTS))
    return `${t.latencyKind === "avg" ? "average response time (HAProxy rtime; it keeps no percentiles)" : "p95 latency"} ${t.latencyMs.toFixed(1)} ms is over max-p95 ${o.maxP95Ms} ms`;
}
async function verifyWindow(host, runtime, router, slot, mark, o, signal) {
  let started = performance.now(), tick = o.tickMs ?? 50, probeEvery = o.probeEveryMs ?? 1e3, traffic, lastProbe = started, failedProbes = 0, fail = (reason) => ({ ok: !1, reason, traffic, ms: performance.now() - started, detectedAt: performance.now() });
  for (; ; ) {
    if (signal?.aborted) return fail(`cancelled (${signal.reason})`);
    if (!await runtime.alive(slot)) return fail(`the process exited ${formatDuration(performance.now() - started)} into the verify window`);
    traffic = await router.trafficSince(mark) ?? traffic;
    let elapsed = performance.now() - started, final = elapsed >= o.windowMs, verdict = traffic && trafficVerdict(traffic, o, final);
    if (verdict) return fail(verdict);
    if (performance.now() - lastProbe >= probeEvery || final) {
      lastProbe = performance.now();
      let probe = await host.httpGet(slot.port, o.healthPath, 2e3);
      if (failedProbes = probe.ok ? 0 : failedProbes + 1, failedProbes >= 2) return fail(`${o.healthPath} answered ${probe.error ?? `HTTP ${probe.status}`} twice in a row during the verify window`);
    }
    if (final) return { ok: !0, traffic, ms: elapsed };
    await sleep(Math.min(tick, o.windowMs - elapsed));
  }
}

// packages/deploy/src/lock.ts
import { randomBytes as randomBytes2 } from "node:crypto";
import { basename as basename2, join as join5 } from "node:path";

// packages/deploy/src/proc.ts
import { readFile as readFile3 } from "node:fs/promises";
async function localProcessInfo(pid) {
  if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
  try {
    let stat5 = await readFile3(`/proc/${pid}/stat`, "utf8"), state = stat5.slice(stat5.lastIndexOf(")") + 2, stat5.lastIndexOf(")") + 3), command = (await readFile3(`/proc/${pid}/cmdline`, "utf8").catch(() => "")).split("\0").filter(Boolean).join(" ");
    return { state: state === "Z" || state === "X" ? "zombie" : "running", command };
  } catch {
    if (process.platform === "linux") return { state: "gone" };
    try {
      return process.kill(pid, 0), { state: "running" };
    } catch (err) {
      return { state: err.code === "EPERM" ? "running" : "gone" };
    }
  }
}

// packages/deploy/src/locktemp.ts
import { join as join4 } from "node:path";
function lockTempName(path2, kind, token, now) {
  return `${path2}.${kind}-${Math.floor(now)}-${token}`;
}
var LEFTOVER = /^lock(?:\.breaking)?\.(?:new|gone|beat)-(\d{1,16})-[0-9a-f]{24}(?:\.tmp-[A-Za-z0-9-]+)?$/;
async function removeLockLeftovers(host, stateDir, now, maxAgeMs) {
  let old = (await host.list(stateDir)).filter((name) => {
    let made = LEFTOVER.exec(name)?.[1];
    return made !== void 0 && now - Number(made) > maxAgeMs;
  }), removed = [];
  for (let name of old)
    try {
      await host.remove(join4(stateDir, name)), removed.push(name);
    } catch {
    }
  return removed;
}

// packages/deploy/src/lock.ts
var HEARTBEAT_MS = 5e3, STALE_AFTER_MS = 3e4, OWNER_GRACE_MS = 2e3, BREAK_STALE_MS = 1e4, OWNER_FILE = "owner.json", LockLostError = class extends GantryError {
  name = "LockLostError";
};
async function staleReason(owner, me, opts) {
  let now = (opts.now ?? Date.now)();
  if (!owner) return "the lock has no readable owner record (its deployer died while taking it)";
  if (owner.machine === me.machine && owner.pid !== me.pid && !await (opts.pidAlive ?? (async (pid) => (await localProcessInfo(pid)).state === "running"))(owner.pid))
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), is no longer running`;
  let silent = now - Date.parse(owner.heartbeat);
  if (Number.isFinite(silent) && silent > STALE_AFTER_MS)
    return `its owner, pid ${owner.pid} on ${owner.machine} (run ${owner.runId}), has not refreshed it for ${formatDuration(silent)}`;
}
function sameOwner(a, b) {
  return !a || !b ? a === b : a.token === b.token && a.runId === b.runId && a.acquired === b.acquired && a.pid === b.pid && a.machine === b.machine;
}
var newToken = () => randomBytes2(12).toString("hex"), TOKEN = /^[0-9a-f]{24}$/, beatFile = (token) => `beat-${token}`, sleep2 = (ms) => new Promise((r) => setTimeout(r, ms)), DeployLock = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
    this.dir = join5(stateDir, "lock"), this.breaking = join5(stateDir, "lock.breaking");
  }
  host;
  stateDir;
  timer;
  dir;
  breaking;
  /** The clock temp names are dated by (LockOptions.now). */
  now = Date.now;
  owner;
  lost;
  abort = new AbortController();
  /** Aborted when the lock is lost (its reason is the LockLostError). */
  get signal() {
    return this.abort.signal;
  }
  /** Takes the lock, breaking a stale one with a notice; waits up to timeoutMs for a live owner. */
  async acquire(opts) {
    let me = this.host.deployer(), now = opts.now ?? Date.now;
    this.now = now;
    let deadline = now() + opts.timeoutMs, swept = await removeLockLeftovers(this.host, this.stateDir, now(), STALE_AFTER_MS).catch(() => []);
    swept.length && opts.reporter.debug(`deploy lock on ${this.host.name}: removed what killed deployers left: ${swept.join(", ")}`);
    let waitingSaid = !1, ownerMissingSince;
    for (; ; ) {
      let at = new Date(now()).toISOString(), mine = { ...me, runId: opts.runId, acquired: at, heartbeat: at, token: newToken() };
      if (await this.take(this.dir, mine)) {
        this.owner = mine, this.timer = setInterval(() => {
          this.beat();
        }, opts.heartbeatMs ?? HEARTBEAT_MS), this.timer.unref();
        return;
      }
      let owner = await this.read(this.dir).catch(() => {
      });
      owner ? ownerMissingSince = void 0 : ownerMissingSince ??= now();
      let stale = owner || now() - (ownerMissingSince ?? now()) > OWNER_GRACE_MS ? await staleReason(owner, me, opts) : void 0;
      if (stale && await this.breakStale(owner, mine, now)) {
        opts.reporter.notice(`deploy lock on ${this.host.name}: broke a stale lock: ${stale}`);
        continue;
      }
      if (stale) {
        await sleep2(10 + Math.random() * 40);
        continue;
      }
      if (now() >= deadline)
        throw new GantryError(
          `the deploy lock ${this.dir} on ${this.host.name} is held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}, since ${owner?.acquired}); waited ${formatDuration(opts.timeoutMs)} (lock-timeout)`
        );
      waitingSaid || opts.reporter.info(`deploy lock held by pid ${owner?.pid} on ${owner?.machine} (run ${owner?.runId}); waiting up to ${formatDuration(opts.timeoutMs)}`), waitingSaid = !0, await sleep2(opts.pollMs ?? 500);
    }
  }
  /**
   * Puts a folder holding `record` at `path` by one rename; true when `path` then holds this very
   * record (SshHost's `mv` moves into an existing folder instead of failing: the re-read catches it).
   */
  async take(path2, record) {
    let tmp = lockTempName(path2, "new", record.token, this.now());
    try {
      await this.host.mkdirp(tmp, 488), await this.host.writeFile(join5(tmp, OWNER_FILE), JSON.stringify(record), 416), await this.host.rename(tmp, path2);
    } catch {
      return !1;
    } finally {
      await this.host.remove(tmp).catch(() => {
      });
    }
    let now = await this.read(path2).catch(() => {
    });
    return sameOwner(now, record) ? !0 : (await this.host.remove(join5(path2, basename2(tmp))).catch(() => {
    }), !1);
  }
  /** The owner record at `path` with its latest heartbeat; undefined when missing or unreadable; throws when the host cannot be asked. */
  async read(path2) {
    let text = await this.host.readFile(join5(path2, OWNER_FILE)), owner;
    try {
      if (!text) return;
      owner = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof owner.token == "string" && TOKEN.test(owner.token)) {
      let beat = (await this.host.readFile(join5(path2, beatFile(owner.token))))?.trim();
      beat && Number.isFinite(Date.parse(beat)) && (owner.heartbeat = beat);
    }
    return owner;
  }
  /**
   * Removes the folder at `path` only if it holds `expected`: it is moved to a unique name, its
   * record checked, and put back when it is another one. Should another deployer have taken `path`
   * meanwhile, the moved lock's owner finds out at its next check (LockLostError) and stops.
   */
  async removeIf(path2, expected) {
    let aside = lockTempName(path2, "gone", newToken(), this.now());
    try {
      await this.host.rename(path2, aside);
    } catch {
      return !1;
    }
    let moved = await this.read(aside).catch(() => {
    });
    if (sameOwner(moved, expected))
      return await this.host.remove(aside), !0;
    try {
      await this.host.rename(aside, path2);
    } catch {
      await this.host.remove(aside).catch(() => {
      });
    }
    return !1;
  }
  /**
   * Breaks the lock whose record was judged stale, one breaker at a time: of the deployers that
   * read the same stale record, the first breaks it and the others find it changed.
   */
  async breakStale(judged, me, now) {
    let mutex = { ...me, token: newToken() };
    if (!await this.take(this.breaking, mutex)) {
      let holder = await this.read(this.breaking).catch(() => {
      });
      return (holder ? now() - Date.parse(holder.acquired) : Number.POSITIVE_INFINITY) <= BREAK_STALE_MS || await this.removeIf(this.breaking, holder), !1;
    }
    try {
      let current = await this.read(this.dir);
      return sameOwner(current, judged) && await this.removeIf(this.dir, judged);
    } catch {
      return !1;
    } finally {
      await this.removeIf(this.breaking, mutex);
    }
  }
  /** Throws LockLostError when another deployer holds the lock now; a host that cannot be asked is not a loss. */
  async verify() {
    if (this.lost) throw this.lost;
    if (!this.owner) return;
    let current;
    try {
      current = await this.read(this.dir);
    } catch {
      return;
    }
    if (sameOwner(current, this.owner)) return;
    let by = current ? `is now held by pid ${current.pid} on ${current.machine} (run ${current.runId})` : "is gone";
    throw this.lost = new LockLostError(
      `the deploy lock ${this.dir} on ${this.host.name} was taken from this run (${this.owner.runId}) and ${by}; the run stopped before its next step and changed nothing more (the next run recovers what the journal shows)`
    ), this.owner = void 0, clearInterval(this.timer), this.abort.abort(this.lost), this.lost;
  }
  beating = !1;
  /** The heartbeat: checks the lock is still this run's, then refreshes its record. */
  async beat() {
    if (!this.owner || this.beating) return;
    this.beating = !0;
    let token = this.owner.token, tmp = lockTempName(this.dir, "beat", token, this.now());
    try {
      await this.verify(), await this.host.writeFile(tmp, (/* @__PURE__ */ new Date()).toISOString(), 416), await this.host.rename(tmp, join5(this.dir, beatFile(token))), await this.verify();
    } catch {
      await this.host.remove(tmp).catch(() => {
      });
    } finally {
      this.beating = !1;
    }
  }
  /** Releases the lock if this run still holds it. */
  async release() {
    clearInterval(this.timer), this.owner && (await this.removeIf(this.dir, this.owner), this.owner = void 0);
  }
};

// packages/deploy/src/release.ts
import { basename as basename3, join as join6 } from "node:path";
async function resolveArtifact(artifact, manifestPath, platform) {
  if (artifact) {
    if (!await exists(artifact))
      throw new InputError("artifact", artifact, "no such file; give the path of the service binary, or leave it empty to use the manifest");
    return { path: artifact, sha256: await sha256File(artifact) };
  }
  if (!await exists(manifestPath))
    throw new InputError("manifest", manifestPath, "no such file; run go-build first, pass its manifest output, or set artifact to a binary path");
  let m = await readManifest(manifestPath), want = formatTarget(platform), match = m.artifacts.find((a) => a.os === platform.os && a.arch === platform.arch && (!platform.variant || a.variant === platform.variant));
  if (!match)
    throw new GantryError(
      `manifest ${manifestPath} has no artifact for the host's platform ${want} (it has ${m.artifacts.map((a) => a.target).join(", ") || "none"}); add ${want} to go-build's targets`
    );
  let field = (name) => `manifest ${manifestPath}: ${name}`, version = m.version ? checkName(m.version, RELEASE_VERSION, field("version"), ACCEPTED_VERSION) : void 0, project = m.project ? checkName(m.project, APP_NAME, field("project"), ACCEPTED_APP) : void 0, target = checkName(match.target, TARGET_NAME, field("artifacts[].target"), "a Go target such as linux/amd64 or linux/arm/v7"), file = basename3(match.path);
  if (/[\0\r\n]/.test(match.path) || !FILE_NAME.test(file) || file === "." || file === "..")
    throw new GantryError(`${field(`path of ${target}`)} ${JSON.stringify(match.path)} is not valid; accepted: a file path on one line ending in a file name`);
  let path2 = resolveInManifest(manifestPath, match.path);
  if (!await exists(path2)) throw new GantryError(`manifest ${manifestPath} names ${match.path}, which does not exist`);
  let actual = await sha256File(path2);
  if (actual !== match.sha256)
    throw new GantryError(`${path2} has sha256 ${actual} but the manifest says ${match.sha256}; it changed after go-build and is not deployed`);
  return { path: path2, sha256: actual, version, project };
}
function releasesDir(stateDir) {
  return join6(stateDir, "releases");
}
function releaseDir(stateDir, version) {
  return join6(releasesDir(stateDir), checkName(version, RELEASE_VERSION, "version", ACCEPTED_VERSION));
}
var BASE_ENV = { PATH: "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" };
function renderEnvFile(env) {
  return Object.entries(env).map(([k, v]) => `${k}=${v}
`).join("");
}
function parseEnvFile(text) {
  let env = {};
  for (let line of text.split(`
`)) {
    let eq = line.indexOf("=");
    eq > 0 && (env[line.slice(0, eq)] = line.slice(eq + 1));
  }
  return env;
}
async function findRelease(host, stateDir, version) {
  let dir = releaseDir(stateDir, version), text = await host.readFile(join6(dir, "release.json"));
  if (!text) return;
  let meta = JSON.parse(text);
  return meta.image ? { version, dir, binary: "", sha256: meta.sha256, image: meta.image } : { version, dir, binary: join6(dir, meta.binary), sha256: meta.sha256 };
}
async function releaseEnv(host, release) {
  return parseEnvFile(await host.readFile(join6(release.dir, "service.env")) ?? "");
}
async function stageRelease(host, stateDir, version, artifact, env, running, runId2) {
  let name = checkName(basename3(artifact.path), FILE_NAME, "the binary's file name", ACCEPTED_FILE_NAME);
  return stage(host, stateDir, version, { sha256: artifact.sha256, what: "binary" }, env, running, runId2, async (tmp, dir) => {
    let sha = await host.upload(artifact.path, join6(tmp, name), 493);
    if (sha !== artifact.sha256)
      throw new GantryError(`the binary arrived on ${host.name} with sha256 ${sha}, expected ${artifact.sha256}; nothing was changed`);
    return { meta: { binary: name }, release: { binary: join6(dir, name) } };
  });
}
function stageImageRelease(host, stateDir, version, image, env, running, runId2) {
  return stage(host, stateDir, version, { sha256: image.id, what: "image" }, env, running, runId2, async () => ({
    meta: { binary: "", image: image.id, ref: image.ref },
    release: { binary: "", image: image.id }
  }));
}
async function stage(host, stateDir, version, identity, env, running, runId2, fill) {
  let dir = releaseDir(stateDir, version), existing = await findRelease(host, stateDir, version);
  if (existing && existing.sha256 === identity.sha256)
    return await host.writeFile(join6(dir, "service.env"), renderEnvFile(env), 384), { release: existing, reused: !0 };
  if (existing && running.includes(version))
    throw new InputError(
      "version",
      version,
      `release ${version} is running with a different ${identity.what} (${existing.sha256.slice(0, 12)}); give this build a new version`
    );
  let tmp = `${dir}.tmp-${runId2}`;
  await host.remove(tmp), await host.mkdirp(tmp, 493);
  let { meta, release } = await fill(tmp, dir);
  await host.writeFile(join6(tmp, "service.env"), renderEnvFile(env), 384);
  let full = { version, sha256: identity.sha256, staged: (/* @__PURE__ */ new Date()).toISOString(), ...meta };
  return await host.writeFile(join6(tmp, "release.json"), `${JSON.stringify(full, null, 2)}
`), existing && await host.rename(dir, `${dir}.replaced-${runId2}`), await host.rename(tmp, dir), existing && await host.remove(`${dir}.replaced-${runId2}`), { release: { version, dir, sha256: identity.sha256, ...release }, reused: !1 };
}
async function pruneReleases(host, stateDir, keep, protect) {
  let root = releasesDir(stateDir), names = await host.list(root), removed = [], metas = [];
  for (let name of names) {
    if (/\.(tmp|replaced)-/.test(name)) {
      await host.remove(join6(root, name));
      continue;
    }
    let text = await host.readFile(join6(root, name, "release.json"));
    metas.push({ name, staged: text ? JSON.parse(text).staged : "" });
  }
  metas.sort((a, b) => b.staged.localeCompare(a.staged));
  for (let m of metas.slice(keep))
    protect.includes(m.name) || (await host.remove(join6(root, m.name)), removed.push(m.name));
  return removed;
}

// packages/deploy/src/cutover.ts
var HELD_NOTE = "held: passed its checks, waiting for the other hosts", sleep3 = (ms) => new Promise((r) => setTimeout(r, ms)), CutoverEngine = class {
  constructor(d, doc) {
    this.d = d;
    this.doc = doc;
  }
  d;
  doc;
  async transition(c, phase, patch = {}, note) {
    await this.d.ownsLock?.(), Object.assign(c, patch), c.phase = phase, c.transitions.push({ phase, at: (/* @__PURE__ */ new Date()).toISOString(), ...note ? { note } : {} }), this.doc.cutover = c, await this.d.journal.write(this.doc), this.d.pauseAt === phase && (this.d.reporter.info(`gantry deploy: paused at phase ${phase} (GANTRY_DEPLOY_PAUSE_AT)`), this.d.reporter.flush(), await new Promise(() => setInterval(() => {
    }, 6e4)));
  }
  /** The active slot from the journal, with a warning when its process is gone. */
  async activeSlot() {
    let a = this.doc.active;
    if (a)
      return await this.d.runtime.alive(a) || this.d.reporter.warning(`the active version ${a.version} (${a.color}, pid ${a.pid}) is not running; a rollback would have to start it again`), { ...a };
  }
  /** Runs a whole cutover to the plan's version. */
  async run(plan) {
    let { d } = this, from = await this.activeSlot(), color = from ? otherColor(from.color) : "blue", to = { color, port: d.ports[color], version: plan.version }, deployer = d.host.deployer(), c = {
      id: d.runId,
      command: plan.command,
      phase: "staging",
      from,
      to,
      strategy: plan.strategy,
      steps: plan.steps,
      transitions: [],
      deployer
    }, result = { outcome: "failed", version: plan.version, previousVersion: from?.version, verify: [] };
    try {
      await this.transition(c, "staging");
      let { release, env } = await d.timeline.span("stage", async (f) => {
        let s = await plan.stage();
        return f.release = s.release.dir, s;
      });
      await this.transition(c, "starting"), await d.timeline.span("start", async (f) => {
        let leftover = await d.runtime.running(color);
        await d.router.isolate(color, d.ports), leftover && await d.runtime.runsRelease(leftover, release) ? (d.reporter.info(`${plan.version} is still running on ${color} (pid ${leftover}); using it warm`), to.pid = leftover, f.warm = !0) : (leftover && (d.reporter.notice(`stopped a leftover process (pid ${leftover}) on the idle ${color} slot before starting ${plan.version}`), await d.runtime.stop({ ...to, pid: leftover }, d.stopTimeoutMs)), to.pid = await d.runtime.start(to, release, { ...BASE_ENV, ...env, PORT: String(to.port) })), f.color = color, f.port = to.port, f.pid = to.pid;
      }), await this.transition(c, "gating", { to });
      let gate = await d.timeline.span("health-gate", async (f) => {
        let g = await healthGate(d.host, d.runtime, to, d.gate, d.signal);
        return Object.assign(f, { checks: g.checks, passed: g.ok, "successes-needed": d.gate.successes }), g;
      });
      if (result.gate = gate, !gate.ok) return await this.rollback(c, result, `health gate failed: ${gate.reason}`);
      let gatePassed = performance.now(), verifyTraffic = [];
      for (let [i, weight] of plan.steps.entries()) {
        await this.transition(c, "switching", { weight });
        let mark = await d.router.mark(color, d.ports), appliedAt;
        try {
          appliedAt = await d.timeline.span(`switch ${weight}%`, async (f) => {
            f.weight = weight;
            let at = await d.router.route(splitWeights(color, weight, from !== void 0), d.ports);
            return weight === 100 && (f["ms-from-gate"] = Math.round(at - gatePassed)), at;
          });
        } catch (err) {
          return await this.rollback(c, result, `the router refused to send ${weight}% to ${plan.version}: ${messageOf(err)}`);
        }
        weight === 100 && (result.switchMs = appliedAt - gatePassed), await this.transition(c, "verifying");
        let v = await d.timeline.span(`verify ${weight}%`, async (f) => {
          let r = await verifyWindow(d.host, d.runtime, d.router, to, mark, { ...d.verify, healthPath: d.gate.path }, d.signal);
          return Object.assign(f, { passed: r.ok, ...r.traffic ? trafficFigures(r.traffic) : { requests: "not measured" } }), r;
        });
        if (result.verify.push({ weight, result: v }), v.traffic && verifyTraffic.push(v.traffic), result.traffic = sumTraffic(verifyTraffic), !v.ok) return await this.rollback(c, result, `verify window at ${weight}% failed: ${v.reason}`, v.detectedAt);
        i < plan.steps.length - 1 && d.stepPauseMs > 0 && await sleep3(d.stepPauseMs);
      }
      if (d.beforePromote) {
        await this.transition(c, "verifying", {}, HELD_NOTE);
        let reason = await d.beforePromote();
        if (reason) return await this.rollback(c, result, reason);
      }
      return await this.promote(c, result);
    } catch (err) {
      if (err instanceof LockLostError) throw err;
      if (c.phase === "staging")
        throw await this.settle(c, "failed", messageOf(err), this.doc.active), err;
      if (c.phase === "rolling-back" || c.phase === "promoting" || c.phase === "stopping-old") throw err;
      return await this.rollback(c, result, `${c.phase} failed: ${messageOf(err)}`);
    }
  }
  /** Drains and stops the old version, then records the new one as active (issue 6, step 6). */
  async promote(c, result) {
    let { d } = this, from = c.from;
    return await this.transition(c, "promoting"), from && await d.timeline.span("drain", async (f) => {
      let r = await d.router.drain(from.color, d.drainTimeoutMs);
      Object.assign(f, { drained: r.drained, ...r.remaining ? { "still-in-flight": r.remaining } : {} }), r.drained || d.reporter.warning(`${from.version} still had ${r.remaining} request(s) in flight after drain-timeout ${formatDuration(d.drainTimeoutMs)}`);
    }), await this.transition(c, "stopping-old"), from && await d.timeline.span("stop-old", async (f) => {
      let s = await d.runtime.stop(from, d.stopTimeoutMs);
      f.signal = s.signal, await d.router.retire(from.color, d.ports);
    }), await this.settle(c, "promoted", void 0, c.to), { ...result, outcome: "promoted", active: c.to };
  }
  /** Sends all traffic back to the old version, stops the new one, records why (issue 6, step 7). */
  async rollback(c, result, reason, detectedAt = performance.now()) {
    let { d } = this;
    d.reporter.warning(`rolling back ${c.to.version}: ${reason}`), await this.transition(c, "rolling-back", { reason });
    let restored;
    await d.timeline.span("rollback", async (f) => {
      if (f.reason = reason.split(`
`)[0], c.from && (restored = await d.runtime.alive(c.from) ? c.from : await this.coldStart(c.from), restored)) {
        let appliedAt = await d.router.route(splitWeights(c.from.color, 100, !1), d.ports);
        result.rollbackMs = appliedAt - detectedAt, f["ms-to-old-version"] = Math.round(result.rollbackMs), f.cold = restored !== c.from;
      }
      restored || await d.router.isolate(c.to.color, d.ports), result.logTail = await d.runtime.logTail(c.to.color, 10).catch(() => "") || void 0, restored && await d.router.drain(c.to.color, Math.min(d.drainTimeoutMs, 5e3)), await d.runtime.stop(c.to, d.stopTimeoutMs), await d.router.retire(c.to.color, d.ports);
    });
    let outcome = restored ? "rolled-back" : "failed";
    restored && (c.from = restored), await this.settle(c, outcome, reason, restored);
    let why = restored ? reason : `${reason}; ${c.from ? `the previous version ${c.from.version} could not be started again either` : "there was no previous version to go back to"}`;
    return { ...result, outcome, reason: why, active: restored };
  }
  /** Starts a stopped old version again on its slot and gates it (a cold rollback, only when it was not running). */
  async coldStart(slot) {
    let { d } = this, release = await findRelease(d.host, d.journal.stateDir, slot.version);
    if (!release) return;
    d.reporter.warning(`the previous version ${slot.version} is not running; starting it again (a cold rollback)`);
    let leftover = await d.runtime.running(slot.color);
    leftover && await d.runtime.stop({ ...slot, pid: leftover }, d.stopTimeoutMs);
    let env = await releaseEnv(d.host, release), started = { ...slot, pid: await d.runtime.start(slot, release, { ...BASE_ENV, ...env, PORT: String(slot.port) }) };
    return (await healthGate(d.host, d.runtime, started, d.gate)).ok ? started : void 0;
  }
  /** Ends the cutover in the journal: the active slot, the previous release and one history entry. */
  async settle(c, outcome, reason, active) {
    let doc = this.doc;
    outcome === "promoted" && c.from && (doc.previous = { version: c.from.version, color: c.from.color }), doc.active = active, doc.history.push({
      id: c.id,
      at: (/* @__PURE__ */ new Date()).toISOString(),
      command: c.command,
      version: c.to.version,
      color: c.to.color,
      ...c.from ? { fromVersion: c.from.version } : {},
      outcome,
      ...reason ? { reason: reason.split(`
`)[0] } : {}
    }), doc.cutover = void 0, await this.d.journal.write(doc);
  }
};
function sumTraffic(list) {
  if (list.length === 0) return;
  let last = list[list.length - 1];
  return {
    requests: list.reduce((s, t) => s + t.requests, 0),
    errors: list.reduce((s, t) => s + t.errors, 0),
    latencyMs: last.latencyMs,
    latencyKind: last.latencyKind
  };
}
function trafficFigures(t) {
  let f = { requests: t.requests, errors: t.errors };
  return t.requests > 0 && (f["error-rate-%"] = Number((100 * t.errors / t.requests).toFixed(3))), t.latencyMs !== void 0 && (f[t.latencyKind === "avg" ? "avg-ms" : "p95-ms"] = Number(t.latencyMs.toFixed(1))), f;
}

// packages/deploy/src/docker.ts
import { join as join7 } from "node:path";
var DOCKER_HOST = /^(unix:\/\/\/[^\0\s]+|tcp:\/\/127\.0\.0\.1(:\d{1,5})?)$/, IMAGE_REF = /^(sha256:[a-f0-9]{64}|(?:[a-zA-Z0-9][a-zA-Z0-9.-]*(?::\d+)?\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@sha256:[a-f0-9]{64})?)$/;
function isImageReference(ref) {
  return ref.length <= 512 && IMAGE_REF.test(ref);
}
function checkImageReference(ref) {
  if (ref.startsWith("-"))
    throw new InputError(
      "artifact",
      ref,
      "an image reference cannot begin with '-' (docker would read it as an option); accepted: e.g. ghcr.io/acme/hello:v1.2.3"
    );
  if (!isImageReference(ref)) throw new InputError("artifact", ref, "accepted: an image reference, e.g. ghcr.io/acme/hello:v1.2.3 or hello@sha256:…");
  return ref;
}
function dockerArgv(dockerHost) {
  return dockerHost ? ["docker", "-H", dockerHost] : ["docker"];
}
async function resolveImage(host, dockerHost, ref) {
  if (!ref)
    throw new InputError(
      "artifact",
      "",
      "it is required with runtime: docker; accepted: an image reference the daemon has, e.g. the image stage's image output"
    );
  checkImageReference(ref);
  let r = await host.exec([...dockerArgv(dockerHost), "image", "inspect", "-f", "{{.Id}}", "--", ref], { allowFailure: !0, timeoutMs: 3e4 }), id = r.stdout.trim();
  if (r.code !== 0 || !/^sha256:[a-f0-9]{64}$/.test(id)) {
    let why = `${r.stderr}${r.stdout}`.trim();
    throw /no such image/i.test(why) ? new GantryError(
      `the docker daemon on ${host.name} does not have the image ${ref}; gantry does not pull it: run docker pull ${ref} (or docker load the image stage's docker-archive) before deploying`
    ) : new GantryError(`docker image inspect ${ref} failed on ${host.name}: ${lastLines(why, 5) || `exit code ${r.code}`}`);
  }
  return { ref, id };
}
var DockerRuntime = class {
  constructor(host, stateDir, app, dockerHost, stopTimeoutMs) {
    this.host = host;
    this.stateDir = stateDir;
    this.app = app;
    this.dockerHost = dockerHost;
    this.stopTimeoutMs = stopTimeoutMs;
  }
  host;
  stateDir;
  app;
  dockerHost;
  stopTimeoutMs;
  name = "docker";
  /** `<app>-<color>`; the app is checked like the app input, so the name never starts with `-`. */
  containerName(color) {
    return `${checkName(this.app, APP_NAME, "app", ACCEPTED_APP)}-${color}`;
  }
  envFile(color) {
    return join7(this.stateDir, "run", `${color}.env`);
  }
  docker(args, allowFailure = !1) {
    return this.host.exec([...dockerArgv(this.dockerHost), ...args], { allowFailure, timeoutMs: 6e4 });
  }
  /** The container of a color, or undefined when there is none. */
  async inspect(color) {
    let r = await this.docker(["container", "inspect", "-f", '{{json .State.Running}} {{json .State.Pid}} {{json .State.ExitCode}} {{json (index .Config.Labels "gantry.app")}} {{json (index .Config.Labels "gantry.version")}} {{json .Image}}', "--", this.containerName(color)], !0);
    if (r.code !== 0) {
      if (/no such (container|object)/i.test(r.stderr)) return;
      throw new GantryError(`docker container inspect ${this.containerName(color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    }
    let [running, pid, exitCode, app, version, image] = r.stdout.trim().split(" ").map((v) => JSON.parse(v));
    return {
      running: running === !0,
      pid: Number(pid) || 0,
      exitCode: Number(exitCode) || 0,
      app: typeof app == "string" ? app : "",
      version: typeof version == "string" ? version : "",
      image: typeof image == "string" ? image : ""
    };
  }
  async ours(color) {
    let c = await this.inspect(color);
    return c && c.app === this.app ? c : void 0;
  }
  async start(slot, release, env) {
    if (!release.image)
      throw new GantryError(`release ${release.version} was staged for runtime: process (it has no image); deploy it again with runtime: docker`);
    let name = this.containerName(slot.color), existing = await this.inspect(slot.color);
    if (existing && existing.app !== this.app)
      throw new GantryError(`a container named ${name} that is not gantry's ${this.app} exists on ${this.host.name}; rename or remove it`);
    if (existing?.running) throw new GantryError(`the container ${name} (pid ${existing.pid}) still runs on the ${slot.color} slot; stop it first`);
    existing && await this.docker(["rm", "--", name]);
    for (let [k, v] of Object.entries(env))
      if (/[\r\n]/.test(v)) throw new InputError("env", `${k}=…`, "runtime: docker passes env through an env file: a value cannot span lines");
    await this.host.mkdirp(join7(this.stateDir, "run"), 488), await this.host.writeFile(
      this.envFile(slot.color),
      Object.entries(env).map(([k, v]) => `${k}=${v}
`).join(""),
      384
    );
    let seconds = String(Math.ceil(this.stopTimeoutMs / 1e3)), run2 = await this.docker(
      [
        "run",
        "-d",
        "--name",
        name,
        "--network",
        "host",
        "--label",
        `gantry.app=${this.app}`,
        "--label",
        `gantry.version=${release.version}`,
        "--env-file",
        this.envFile(slot.color),
        "--stop-timeout",
        seconds,
        "--",
        release.image
      ],
      !0
    );
    if (run2.code !== 0) throw new GantryError(`docker run ${name} failed on ${this.host.name}: ${lastLines(`${run2.stderr}${run2.stdout}`.trim(), 5)}`);
    return (await this.inspect(slot.color))?.pid ?? 0;
  }
  async alive(slot) {
    let c = await this.ours(slot.color);
    return !!(c?.running && (slot.pid === void 0 || c.pid === slot.pid));
  }
  async running(color) {
    let c = await this.ours(color);
    return c?.running && c.pid > 0 ? c.pid : void 0;
  }
  async runsRelease(pid, release) {
    for (let color of COLORS) {
      let c = await this.ours(color);
      if (c?.running && c.pid === pid) return c.version === release.version && (!release.image || c.image === release.image);
    }
    return !1;
  }
  async stop(slot, stopTimeoutMs) {
    let started = performance.now();
    if (!(await this.ours(slot.color))?.running) return { signal: "none", ms: 0 };
    let seconds = Math.ceil(stopTimeoutMs / 1e3), r = await this.docker(["stop", "-t", String(seconds), "--", this.containerName(slot.color)], !0), ms = performance.now() - started;
    if (r.code !== 0) throw new GantryError(`docker stop ${this.containerName(slot.color)} failed on ${this.host.name}: ${lastLines(r.stderr.trim(), 5)}`);
    return { signal: (await this.inspect(slot.color))?.exitCode === 137 || ms >= seconds * 1e3 ? "SIGKILL" : "SIGTERM", ms };
  }
  async logTail(color, lines) {
    let r = await this.docker(["logs", "--tail", String(lines), "--", this.containerName(color)], !0);
    return r.code === 0 ? lastLines(`${r.stdout}${r.stderr}`, lines) : "";
  }
};

// packages/deploy/src/router.ts
async function waitDrained(inFlight, timeoutMs) {
  let started = performance.now(), remaining = 0;
  do {
    if (remaining = await inFlight(), remaining === 0) return { drained: !0, ms: performance.now() - started };
    await new Promise((r) => setTimeout(r, 50));
  } while (performance.now() - started < timeoutMs);
  return { drained: !1, ms: performance.now() - started, remaining };
}
var RouterError = class extends GantryError {
  name = "RouterError";
};

// packages/deploy/src/haproxy.ts
function parseShowStat(csv, backend) {
  let lines = csv.split(`
`), header = lines.find((l) => l.startsWith("# "));
  if (!header) throw new RouterError(`HAProxy answered \`show stat\` with no header: ${JSON.stringify(csv.slice(0, 200))}`);
  let names = header.slice(2).split(","), rows = /* @__PURE__ */ new Map();
  for (let line of lines) {
    if (line.startsWith("#") || !line.includes(",")) continue;
    let cells = line.split(",");
    if (cells[0] !== backend) continue;
    let row = {};
    names.forEach((n, i) => {
      n && (row[n] = cells[i] ?? "");
    }), rows.set(row.svname, row);
  }
  return rows;
}
var num = (row, key) => Number(row[key] || 0);
function serverCounters(row) {
  let answered = ["hrsp_1xx", "hrsp_2xx", "hrsp_3xx", "hrsp_4xx", "hrsp_5xx", "hrsp_other"].reduce((s, k) => s + num(row, k), 0), failed = num(row, "econ") + num(row, "eresp");
  return { requests: answered + failed, errors: num(row, "hrsp_5xx") + failed, inFlight: num(row, "scur") + num(row, "qcur"), rtime: num(row, "rtime") };
}
var HAPROXY_NAME = /^[A-Za-z0-9._:-]+$/, HaproxyRouter = class {
  constructor(o) {
    this.o = o;
    if (!HAPROXY_NAME.test(o.backend)) throw new GantryError(`haproxy-backend ${JSON.stringify(o.backend)} is not a HAProxy name`);
    this.address = o.address ?? "127.0.0.1";
  }
  o;
  name = "haproxy";
  address;
  async send(commands) {
    try {
      return await this.o.host.socketRequest(this.o.socket, commands.join("; "), 5e3);
    } catch (err) {
      throw new RouterError(`HAProxy admin socket ${this.o.socket} on ${this.o.host.name}: ${messageOf(err)}`);
    }
  }
  async servers() {
    return parseShowStat(await this.send(["show stat"]), this.o.backend);
  }
  server(rows, color) {
    let row = rows.get(color);
    if (!row) {
      let have = [...rows.keys()].filter((k) => k !== "BACKEND");
      throw new RouterError(
        rows.size === 0 ? `HAProxy has no backend '${this.o.backend}' (haproxy-backend); declare it with servers blue and green` : `HAProxy backend '${this.o.backend}' has no server '${color}' (it has ${have.join(", ") || "none"}); declare servers blue and green`
      );
    }
    return row;
  }
  async preflight() {
    let level;
    try {
      level = (await this.o.host.socketRequest(this.o.socket, "show cli level", 5e3)).trim();
    } catch (err) {
      throw new GantryError(
        `haproxy-socket: cannot reach HAProxy's admin socket ${this.o.socket} on ${this.o.host.name} (${messageOf(err)}); is HAProxy running with \`stats socket ${this.o.socket} level admin\`?`
      );
    }
    if (level !== "admin")
      throw new GantryError(`haproxy-socket ${this.o.socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``);
    let rows = await this.servers();
    for (let c of COLORS) this.server(rows, c);
  }
  async isolate(color, ports) {
    let cmd = [`set server ${this.o.backend}/${color} state maint`, `set server ${this.o.backend}/${color} addr ${this.address} port ${ports[color]}`], answer = await this.send(cmd), row = this.server(await this.servers(), color);
    if (row.status !== "MAINT") throw new RouterError(`HAProxy did not put ${this.o.backend}/${color} in maintenance (status ${row.status}): ${answer.trim()}`);
    await this.saveState();
  }
  async route(weights, ports) {
    let b = this.o.backend, on = COLORS.filter((c) => weights[c] > 0), off = COLORS.filter((c) => weights[c] === 0), commands = [
      ...on.flatMap((c) => [
        `set server ${b}/${c} addr ${this.address} port ${ports[c]}`,
        `set server ${b}/${c} weight ${weights[c]}`,
        `set server ${b}/${c} state ready`
      ]),
      ...off.map((c) => `set server ${b}/${c} state drain`),
      "show stat"
    ], answer = await this.send(commands), appliedAt = performance.now(), rows = parseShowStat(answer, b), messages = answer.slice(0, answer.indexOf("# pxname")).trim();
    for (let c of COLORS) {
      let row = this.server(rows, c), addr = `${this.address}:${ports[c]}`, up = !/MAINT|DRAIN|DOWN/.test(row.status ?? "");
      if (!(weights[c] > 0 ? num(row, "weight") === weights[c] && up && row.addr === addr : /MAINT|DRAIN/.test(row.status ?? "")))
        throw new RouterError(
          `HAProxy refused the change for ${b}/${c} (wanted weight ${weights[c]} at ${addr}; it reports ${row.status}, weight ${row.weight}, ${row.addr}): ${messages || "no message"}`
        );
    }
    return await this.saveState(), appliedAt;
  }
  drain(color, timeoutMs) {
    return waitDrained(async () => serverCounters(this.server(await this.servers(), color)).inFlight, timeoutMs);
  }
  async retire(color) {
    await this.send([`set server ${this.o.backend}/${color} state maint`]), await this.saveState();
  }
  async mark(color, ports) {
    let c = serverCounters(this.server(await this.servers(), color));
    return { color, port: ports[color], data: { requests: c.requests, errors: c.errors } };
  }
  async trafficSince(mark) {
    let c = serverCounters(this.server(await this.servers(), mark.color));
    return {
      requests: c.requests - (mark.data.requests ?? 0),
      errors: c.errors - (mark.data.errors ?? 0),
      // HAProxy keeps no percentiles: rtime is its average over the server's last 1024 requests.
      latencyMs: c.rtime,
      latencyKind: "avg"
    };
  }
  async describe() {
    let rows = await this.servers();
    return COLORS.map((c) => {
      let r = rows.get(c);
      return r ? `${c}: ${r.status}, weight ${r.weight}, ${r.addr}` : `${c}: not declared`;
    }).join("; ");
  }
  /** Writes `show servers state` to the server-state file, so a restart of HAProxy keeps the active color. */
  async saveState() {
    if (!this.o.stateFile) return;
    let state = await this.send(["show servers state"]);
    if (!/^1\n# be_id/.test(state)) throw new RouterError(`HAProxy answered \`show servers state\` unexpectedly: ${state.slice(0, 200)}`);
    await this.o.host.writeFile(this.o.stateFile, state.replace(/\n+$/, `
`));
  }
};

// packages/deploy/src/journal.ts
import { join as join8 } from "node:path";
var HISTORY_LIMIT = 50, JOURNAL_FILE = "journal.json";
function emptyJournal(app) {
  return { schema: 1, app, history: [] };
}
var Journal = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
    this.path = join8(stateDir, JOURNAL_FILE);
  }
  host;
  stateDir;
  path;
  async read(app) {
    let text = await this.host.readFile(this.path);
    if (text === void 0) return emptyJournal(app);
    let doc;
    try {
      doc = JSON.parse(text);
    } catch (err) {
      throw new GantryError(
        `the deploy journal ${this.path} on ${this.host.name} is not valid JSON (${err.message}); inspect it, and move it away only if no cutover is in flight`
      );
    }
    if (doc.schema !== 1 || !Array.isArray(doc.history)) throw new GantryError(`${this.path} on ${this.host.name} is not a gantry deploy journal (schema 1)`);
    if (doc.cutover && !PHASES.includes(doc.cutover.phase)) throw new GantryError(`${this.path}: unknown phase ${JSON.stringify(doc.cutover.phase)}`);
    return doc;
  }
  async write(doc) {
    doc.history.length > HISTORY_LIMIT && doc.history.splice(0, doc.history.length - HISTORY_LIMIT), await this.host.writeFile(this.path, `${JSON.stringify(doc, null, 2)}
`, 384);
  }
};
function planRecovery(c) {
  let who = `the deployer (pid ${c.deployer.pid} on ${c.deployer.machine}) stopped during ${c.phase}`;
  return COMMITTED_PHASES.includes(c.phase) ? { kind: "complete", why: `${who}, after ${c.to.version} had passed its checks` } : c.phase === "rolling-back" ? { kind: "roll-back", why: `${who} (${c.reason ?? "no reason recorded"})` } : { kind: "roll-back", why: `${who}, before ${c.to.version} had passed its checks` };
}
function runId(now = /* @__PURE__ */ new Date()) {
  return `${now.toISOString().replace(/[:.]/g, "")}-${Math.random().toString(36).slice(2, 8)}`;
}

// packages/deploy/src/nginx-lua-check.ts
import { randomBytes as randomBytes3 } from "node:crypto";
import { dirname as dirname3, join as join9 } from "node:path";
function nginxBase(reloadCommand) {
  if (!/(^|\/)nginx$/.test(reloadCommand[0] ?? "")) return ["nginx"];
  let i = reloadCommand.indexOf("-p");
  return i > 0 && reloadCommand[i + 1] ? [reloadCommand[0], "-p", reloadCommand[i + 1]] : [reloadCommand[0]];
}
function dumpCommand(reloadCommand) {
  let i = reloadCommand.findIndex((a, k) => a === "-s" && reloadCommand[k + 1] === "reload");
  return i >= 0 && /(^|\/)nginx$/.test(reloadCommand[0] ?? "") ? [...reloadCommand.slice(0, i), ...reloadCommand.slice(i + 2), "-T"] : ["nginx", "-T"];
}
async function luaModule(host, reloadCommand) {
  let version = await host.exec([...nginxBase(reloadCommand).slice(0, 1), "-V"], { allowFailure: !0, timeoutMs: 3e4 });
  if (/lua-nginx-module|ngx_lua|ngx_http_lua|openresty/i.test(`${version.stdout}
${version.stderr}`)) return { loadLines: [] };
  let dump = await host.exec(dumpCommand(reloadCommand), { allowFailure: !0, timeoutMs: 3e4 });
  if (dump.code !== 0) return;
  let loadLines = [...dump.stdout.matchAll(/^\s*(load_module\s+[^;#\n]+;)/gm)].map((m) => m[1]);
  return loadLines.some((l) => /ngx_http_lua_module\.so/.test(l)) ? { loadLines } : void 0;
}
async function testIncludeAlone(host, reloadCommand, include, text) {
  let loadLines = (await luaModule(host, reloadCommand))?.loadLines ?? [], tmp = join9(dirname3(include), `.gantry-check-${randomBytes3(6).toString("hex")}`);
  await host.mkdirp(tmp, 448);
  try {
    let candidate = join9(tmp, "include.conf"), conf = join9(tmp, "nginx.conf");
    await host.writeFile(candidate, text, 416), await host.writeFile(
      conf,
      `${loadLines.join(`
`)}
pid ${join9(tmp, "nginx.pid")};
error_log ${join9(tmp, "error.log")};
events {}
http {
  include ${candidate};
}
`,
      416
    );
    let r = await host.exec([...nginxBase(reloadCommand), "-e", join9(tmp, "error.log"), "-c", conf, "-t"], { allowFailure: !0, timeoutMs: 3e4 });
    return r.code === 0 ? void 0 : lastLines(r.stderr || r.stdout, 5);
  } finally {
    await host.remove(tmp);
  }
}

// packages/deploy/src/nginx-lua.ts
import { dirname as dirname4 } from "node:path";

// packages/deploy/src/accesslog.ts
var ADDR = String.raw`(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:]+\]|unix:[^\s,]+):?\d*`, TIME = String.raw`(?:\d+\.\d+|-)`, ENTRY = new RegExp(String.raw`(?:^|\s)(${ADDR}(?:(?:, | : )${ADDR})*) (\d{3}) (${TIME}(?:(?:, | : )${TIME})*)(?=\s|$)`);
function parseLogLine(line) {
  let m = ENTRY.exec(line);
  if (!m) return;
  let upstreams = m[1].split(/, | : /), times = m[3].split(/, | : /).map((t) => t === "-" ? void 0 : Number(t));
  return { upstreams, status: Number(m[2]), times };
}
var LATENCY_SAMPLE = 1e4, UpstreamTally = class {
  constructor(address) {
    this.address = address;
  }
  address;
  requests = 0;
  errors = 0;
  timed = 0;
  latencies = [];
  /** Counts an entry if it involved this upstream: an error when it answered 5xx or failed and nginx moved on. */
  add(e) {
    let i = e.upstreams.indexOf(this.address);
    if (i < 0) return;
    this.requests++, (!(i === e.upstreams.length - 1) || e.status >= 500) && this.errors++;
    let t = e.times[i];
    if (t !== void 0)
      if (this.timed++, this.latencies.length < LATENCY_SAMPLE) this.latencies.push(t * 1e3);
      else {
        let k = Math.floor(Math.random() * this.timed);
        k < LATENCY_SAMPLE && (this.latencies[k] = t * 1e3);
      }
  }
};
function percentile(values, p) {
  if (values.length === 0) return;
  let sorted = [...values].sort((a, b) => a - b), rank = Math.min(sorted.length, Math.max(1, Math.ceil(p / 100 * sorted.length)));
  return sorted[rank - 1];
}
var AccessLogTraffic = class {
  constructor(host, path2) {
    this.host = host;
    this.path = path2;
  }
  host;
  path;
  tallies = /* @__PURE__ */ new Map();
  /** Starts counting lines for `address` (`127.0.0.1:8082`) from the log's end. */
  async mark(key, address) {
    let offset = await this.host.fileSize(this.path) ?? 0;
    this.tallies.set(key, { offset, tally: new UpstreamTally(address), partial: "" });
  }
  async since(key) {
    let t = this.tallies.get(key);
    if (t) {
      for (; ; ) {
        let chunk = await this.host.readFrom(this.path, t.offset, 4194304);
        if (!chunk || chunk.size < t.offset) break;
        let text = t.partial + chunk.text;
        t.offset += Buffer.byteLength(chunk.text);
        let lines = text.split(`
`);
        t.partial = lines.pop() ?? "";
        for (let line of lines) {
          let e = parseLogLine(line);
          e && t.tally.add(e);
        }
        if (t.offset >= chunk.size) break;
      }
      return { requests: t.tally.requests, errors: t.tally.errors, latencyMs: percentile(t.tally.latencies, 95), latencyKind: "p95" };
    }
  }
};

// packages/deploy/src/cmdline.ts
function splitCommandLine(text) {
  let args = [], current = "", inWord = !1, quote;
  for (let ch of text)
    quote ? ch === quote ? quote = void 0 : current += ch : ch === '"' || ch === "'" ? (quote = ch, inWord = !0) : /\s/.test(ch) ? (inWord && args.push(current), current = "", inWord = !1) : (current += ch, inWord = !0);
  return quote ? { error: `a ${quote} quote is not closed` } : (inWord && args.push(current), args.length === 0 ? { error: "it is empty" } : /[\0\r\n]/.test(args.join("")) ? { error: "it holds control characters" } : args);
}
function nginxTestCommand(reload) {
  let i = reload.findIndex((a, k) => a === "-s" && reload[k + 1] === "reload");
  return i >= 0 && /(^|\/)nginx$/.test(reload[0] ?? "") ? [...reload.slice(0, i), ...reload.slice(i + 2), "-t"] : ["nginx", "-t"];
}

// packages/deploy/src/nginx-lua-conf.ts
import { createHmac, randomBytes as randomBytes4 } from "node:crypto";
var STATE = /^blue=(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5}):(\d{1,3}),green=(\d{1,3}(?:\.\d{1,3}){3}):(\d{1,5}):(\d{1,3})$/, LUA_STATE = "^blue=[%d%.]+:%d+:%d+,green=[%d%.]+:%d+:%d+$";
function encodeState(s) {
  return `blue=${s.blue.address}:${s.blue.port}:${s.blue.weight},green=${s.green.address}:${s.green.port}:${s.green.weight}`;
}
function parseState(text) {
  let m = STATE.exec(text.trim());
  if (m)
    return {
      blue: { address: m[1], port: Number(m[2]), weight: Number(m[3]) },
      green: { address: m[4], port: Number(m[5]), weight: Number(m[6]) }
    };
}
function stateFor(weights, ports, address) {
  return {
    blue: { address, port: ports.blue, weight: weights.blue },
    green: { address, port: ports.green, weight: weights.green }
  };
}
var EMPTY_STATE = { blue: { address: "127.0.0.1", port: 0, weight: 0 }, green: { address: "127.0.0.1", port: 0, weight: 0 } }, newSalt = () => randomBytes4(16).toString("hex");
function tokenSalt(text) {
  return /local SALT = "([0-9a-f]{32})"/.exec(text)?.[1];
}
var upstreamName = (app) => `gantry_${app}`, STATE_LINE = /^(\s*local FALLBACK = )"[^"\n]*"( -- gantry state)$/gm;
function setupPart(text) {
  return text.replace(STATE_LINE, '$1""$2');
}
function withState(text, state) {
  return text.replace(STATE_LINE, `$1"${encodeState(state)}"$2`);
}
function includedState(text) {
  let m = /local FALLBACK = "([^"\n]*)" -- gantry state/.exec(text);
  return m ? parseState(m[1]) : void 0;
}
function renderLuaInclude(o, state) {
  if (/[\s;{}"'\\]/.test(o.socket))
    throw new GantryError(`nginx-admin-socket ${o.socket}: a path without spaces, quotes, ; { } or \\ is needed in nginx's config`);
  let dict = upstreamName(o.app);
  if (!/^[0-9a-f]{32}$/.test(o.salt)) throw new GantryError(`the admin token's salt must be 32 hex digits, not ${JSON.stringify(o.salt)}`);
  let tokenHash = createHmac("sha1", o.salt).update(o.token).digest("base64"), fallback = `  local FALLBACK = "${encodeState(state)}" -- gantry state`;
  return `# Written by gantry deploy for ${o.app} (nginx-mode: lua, issue 16); the next deploy rewrites it.
# Include it once in your http {} block and send a location to it with: proxy_pass http://${dict};
# Weights change through the admin socket below, without a reload; the state line is what a
# restarted nginx starts from (the dictionary survives a reload).
lua_shared_dict ${dict} 1m;

upstream ${dict} {
  server 0.0.0.1; # never used: the balancer picks every peer
  balancer_by_lua_block {
    local balancer = require "ngx.balancer"
    local dict = ngx.shared["${dict}"]
${fallback}
    local state = dict:get("state") or FALLBACK
    local ctx = ngx.ctx
    -- A retry (proxy_next_upstream): the earlier try is no longer in flight.
    if ctx.gantry_color then dict:incr("inflight:" .. ctx.gantry_color, -1, 0) end
    local peers, total = {}, 0
    for color, addr, port, weight in string.gmatch(state, "(%a+)=([%d%.]+):(%d+):(%d+)") do
      weight = tonumber(weight)
      if weight > 0 then
        peers[#peers + 1] = { color, addr, tonumber(port), weight }
        total = total + weight
      end
    end
    if total == 0 then
      ngx.log(ngx.ERR, "gantry: no release of ${o.app} takes traffic")
      -- The client gets 500: nginx answers any failure of this phase with 500.
      return ngx.exit(ngx.ERROR)
    end
    -- One counter for all workers: each color gets exactly its share, in order.
    local n = (dict:incr("rr", 1, 0) or 0) % total
    local pick = peers[#peers]
    for _, p in ipairs(peers) do
      if n < p[4] then pick = p break end
      n = n - p[4]
    end
    local ok, err = balancer.set_current_peer(pick[2], pick[3])
    if not ok then
      ngx.log(ngx.ERR, "gantry: ", err)
      return ngx.exit(ngx.ERROR)
    end
    if not ctx.gantry_color then balancer.set_more_tries(1) end
    ctx.gantry_color = pick[1]
    ctx.gantry_dict = "${dict}"
    dict:incr("inflight:" .. pick[1], 1, 0)
  }
  keepalive 32;
}

# Counts requests in flight per color, so a drain knows when the old version has finished its work.
log_by_lua_block {
  local ctx = ngx.ctx
  if ctx.gantry_color then ngx.shared[ctx.gantry_dict]:incr("inflight:" .. ctx.gantry_color, -1, 0) end
}

# The admin endpoint: a unix socket, never the public listener; every request needs the token.
server {
  listen unix:${o.socket};
  access_log off;
  client_max_body_size 1k;
  client_body_buffer_size 1k;
  location / {
    content_by_lua_block {
      local dict = ngx.shared["${dict}"]
${fallback}
      -- HMAC-SHA1 of the token keyed with a random salt, compared in constant time (the file holds no secret).
      local SALT = "${o.salt}"
      local want = ngx.decode_base64("${tokenHash}")
      local token = string.match(ngx.var.http_authorization or "", "^Bearer (.+)$")
      local got = ngx.hmac_sha1(SALT, token or "")
      local diff = token and 0 or 1
      for i = 1, #want do diff = bit.bor(diff, bit.bxor(string.byte(got, i), string.byte(want, i))) end
      if diff ~= 0 then return ngx.exit(401) end
      if ngx.var.uri ~= "/state" then return ngx.exit(404) end
      local method = ngx.req.get_method()
      if method == "PUT" then
        ngx.req.read_body()
        local body = string.gsub(ngx.req.get_body_data() or "", "%s+$", "")
        if not string.match(body, "${LUA_STATE}") then return ngx.exit(400) end
        local ok, err = dict:set("state", body)
        if not ok then
          ngx.log(ngx.ERR, "gantry: ", err)
          return ngx.exit(500)
        end
      elseif method ~= "GET" then
        return ngx.exit(405)
      end
      ngx.say(dict:get("state") or FALLBACK)
      ngx.say("inflight blue=", dict:get("inflight:blue") or 0, ",green=", dict:get("inflight:green") or 0)
    }
  }
}
`;
}

// packages/deploy/src/nginx-lua.ts
var ADMIN_TIMEOUT_MS = 5e3, INCLUDE_MODE = 416, NO_LUA_HINT = " (the Lua module is not loaded: apt-get install libnginx-mod-http-lua)", NO_LUA = /unknown directive "(lua_shared_dict|balancer_by_lua_block|log_by_lua_block)"/, NginxLuaRouter = class {
  constructor(o) {
    this.o = o;
    o.accessLog && (this.log = new AccessLogTraffic(o.host, o.accessLog));
  }
  o;
  name = "nginx";
  log;
  get host() {
    return this.o.host;
  }
  /** The two lines a user adds, for messages. */
  setupLines() {
    return `add \`include ${this.o.include};\` to your http {} block and \`proxy_pass http://${upstreamName(this.o.app)};\` to the location, then reload nginx once`;
  }
  async preflight() {
    await this.test("before any change");
    let changed = await this.writeInclude();
    if (changed === "updated") {
      this.o.notice?.(`nginx-mode: lua: ${this.o.include} changed (token, socket or gantry's balancer); reloading nginx once to load it`);
      let r = await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 });
      if (r.code !== 0) throw new GantryError(`nginx-reload-command: \`${this.o.reloadCommand.join(" ")}\` failed: ${lastLines(r.stderr || r.stdout, 5)}`);
    }
    let deadline = performance.now() + 1e4;
    for (; ; )
      try {
        await this.admin("GET");
        break;
      } catch (err) {
        if (changed !== "updated" || performance.now() > deadline)
          throw new GantryError(
            `nginx-mode: lua: the admin endpoint on ${this.host.name} (${this.o.socket}) did not answer: ${messageOf(err)}. ${changed === "created" ? `gantry wrote ${this.o.include}; ` : ""}${this.setupLines()}`
          );
        await new Promise((res) => setTimeout(res, 100));
      }
    if (this.o.accessLog && await this.host.fileSize(this.o.accessLog) === void 0)
      throw new GantryError(`nginx-access-log ${this.o.accessLog} does not exist on ${this.host.name}`);
  }
  async test(when) {
    let test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 3e4 });
    } catch (err) {
      let detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} ${when}: ${detail}`);
    }
  }
  /**
   * Writes the include when its setup part (not the state line) differs. It is checked alone with
   * `nginx -t` of a throwaway config first (on a first run the user's config does not include it
   * yet), then in place with the user's config; the previous file comes back when that fails, so
   * the running config is untouched.
   */
  async writeInclude() {
    let previous = await this.host.readFile(this.o.include), state = previous && includedState(previous) || EMPTY_STATE, salt = previous && tokenSalt(previous) || newSalt(), next = renderLuaInclude({ app: this.o.app, socket: this.o.socket, token: this.o.token, salt }, state);
    if (previous !== void 0 && setupPart(previous) === setupPart(next)) return "same";
    await this.host.mkdirp(dirname4(this.o.include)), await this.host.mkdirp(dirname4(this.o.socket));
    let alone = await testIncludeAlone(this.host, this.o.reloadCommand, this.o.include, next);
    if (alone !== void 0)
      throw new GantryError(
        `nginx -t of gantry's Lua include alone failed on ${this.host.name}: ${alone}${NO_LUA.test(alone) ? NO_LUA_HINT : ""}; ${this.o.include} was not ${previous === void 0 ? "written" : "changed"}, nginx was not reloaded`
      );
    await this.host.writeFile(this.o.include, next, INCLUDE_MODE);
    try {
      await this.test("with gantry's Lua include");
    } catch (err) {
      previous === void 0 ? await this.host.remove(this.o.include) : await this.host.writeFile(this.o.include, previous, INCLUDE_MODE);
      let hint = NO_LUA.test(messageOf(err)) ? NO_LUA_HINT : "";
      throw new GantryError(
        `${messageOf(err)}${hint}; ${previous === void 0 ? "removed" : "restored the previous"} ${this.o.include}, nginx was not reloaded`
      );
    }
    return previous === void 0 ? "created" : "updated";
  }
  /** Whether the admin socket's file is there (nginx-mode: auto tells "nobody listens" from "answers otherwise"). */
  socketExists() {
    return this.host.exists(this.o.socket);
  }
  /** One request to the admin endpoint; the token goes in a header on the socket, never on a command line. */
  async admin(method, body = "") {
    let payload = body ? `${body}
` : "", request = `${method} /state HTTP/1.0\r
Host: gantry\r
Authorization: Bearer ${this.o.token}\r
Content-Length: ${Buffer.byteLength(payload)}\r
\r
${payload}`, answer = await this.host.socketRequest(this.o.socket, request, ADMIN_TIMEOUT_MS), status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(answer)?.[1] ?? 0);
    if (status === 401) throw new RouterError(`the admin endpoint ${this.o.socket} refused nginx-admin-token (401)`);
    let text = answer.slice(answer.indexOf(`\r
\r
`) + 4), [stateLine = "", inflightLine = ""] = text.split(`
`), state = parseState(stateLine), inflight = /^inflight blue=(-?\d+),green=(-?\d+)/.exec(inflightLine);
    if (status !== 200 || !state || !inflight)
      throw new RouterError(`the admin endpoint ${this.o.socket} answered ${status ? `HTTP ${status}` : "no HTTP"}: ${JSON.stringify(answer.slice(0, 200))}`);
    return { state, inflight: { blue: Number(inflight[1]), green: Number(inflight[2]) } };
  }
  /** Sets the state, then writes it into the include for a restarted nginx; returns when nginx routes by it. */
  async apply(state) {
    let { state: now } = await this.admin("PUT", encodeState(state)), at = performance.now();
    if (encodeState(now) !== encodeState(state)) throw new RouterError(`the admin endpoint kept ${encodeState(now)} instead of ${encodeState(state)}`);
    let text = await this.host.readFile(this.o.include);
    return text !== void 0 && includedState(text) && encodeState(includedState(text)) !== encodeState(state) && await this.host.writeFile(this.o.include, withState(text, state), INCLUDE_MODE), at;
  }
  async isolate(color, ports) {
    let { state } = await this.admin("GET");
    if (state[color].weight === 0) return;
    let weights = { blue: 0, green: 0 };
    for (let c of COLORS) c !== color && state[c].weight > 0 && state[c].port === ports[c] && (weights[c] = 100);
    await this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }
  route(weights, ports) {
    return this.apply(stateFor(weights, ports, this.o.address ?? "127.0.0.1"));
  }
  /** The balancer counts requests in flight per color (log phase): wait until the old color has none. */
  drain(color, timeoutMs) {
    return waitDrained(async () => Math.max(0, (await this.admin("GET")).inflight[color]), timeoutMs);
  }
  async retire() {
  }
  async mark(color, ports) {
    let mark = { color, port: ports[color], data: {} };
    return await this.log?.mark(mark, `${this.o.address ?? "127.0.0.1"}:${ports[color]}`), mark;
  }
  trafficSince(mark) {
    return this.log?.since(mark) ?? Promise.resolve(void 0);
  }
  async describe() {
    let state, from = "";
    try {
      state = (await this.admin("GET")).state;
    } catch (err) {
      let text = await this.host.readFile(this.o.include);
      state = text ? includedState(text) : void 0, from = ` (from ${this.o.include}; the admin endpoint did not answer: ${messageOf(err)})`;
    }
    if (!state) return "(no Lua state)";
    let s = state;
    return `${COLORS.map((c) => `${c} ${s[c].address}:${s[c].port} weight ${s[c].weight}`).join("; ")}${from}`;
  }
};

// packages/deploy/src/nginx.ts
function renderUpstream(weights, ports, app, address = "127.0.0.1") {
  let on = COLORS.filter((c) => weights[c] > 0), lines = on.length ? on.map((c) => `server ${address}:${ports[c]} weight=${weights[c]} max_fails=0; # ${c}`) : COLORS.map((c) => `server ${address}:${ports[c]} down; # ${c}`);
  return `# Written by gantry deploy for ${app}; the next deploy rewrites it.
${lines.join(`
`)}
`;
}
function serverLines(text) {
  return (text ?? "").split(`
`).map((l) => l.replace(/#.*/, "").trim()).filter(Boolean).join(`
`);
}
var NginxRouter = class {
  constructor(o) {
    this.o = o;
    o.accessLog && (this.log = new AccessLogTraffic(o.host, o.accessLog));
  }
  o;
  name = "nginx";
  oldWorkers = [];
  /** Server lines `nginx -t` accepted in this run: going back to one of them (a rollback) skips the test, for speed. */
  tested = /* @__PURE__ */ new Set();
  log;
  get host() {
    return this.o.host;
  }
  async preflight() {
    let test = nginxTestCommand(this.o.reloadCommand);
    try {
      await this.host.exec(test, { timeoutMs: 3e4 });
    } catch (err) {
      let detail = err instanceof ExecError ? lastLines(err.result.stderr, 5) : messageOf(err);
      throw new GantryError(`nginx-reload-command: \`${test.join(" ")}\` failed on ${this.host.name} before any change: ${detail}`);
    }
    if (await this.host.readFile(this.o.upstreamFile) === void 0)
      throw new GantryError(
        `nginx-upstream-file ${this.o.upstreamFile} does not exist on ${this.host.name}; create it with the current server line and include it in your upstream block`
      );
    if (await this.master() === void 0)
      throw new GantryError(
        `nginx-pid-file ${this.o.pidFile}: no running nginx master found on ${this.host.name}; start nginx or point nginx-pid-file at its pid file`
      );
    if (this.o.accessLog && await this.host.fileSize(this.o.accessLog) === void 0)
      throw new GantryError(`nginx-access-log ${this.o.accessLog} does not exist on ${this.host.name}`);
  }
  async master() {
    let pid = Number((await this.host.readFile(this.o.pidFile))?.trim());
    if (!(!Number.isInteger(pid) || pid <= 1))
      return (await this.host.processInfo(pid)).state === "running" ? pid : void 0;
  }
  /** The master's workers; `shuttingDown` marks the ones an earlier reload retired. */
  async workers(master) {
    let { stdout } = await this.host.exec(["ps", "-e", "-o", "pid=", "-o", "ppid=", "-o", "args="]);
    return stdout.split(`
`).map((l) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(l)).filter((m) => m !== null && Number(m[2]) === master).map((m) => ({ pid: Number(m[1]), shuttingDown: /shutting down/.test(m[3]) }));
  }
  /** Returns performance.now() once nginx runs the new file (or at once when nothing changed). */
  async write(content) {
    let previous = await this.host.readFile(this.o.upstreamFile);
    if (serverLines(previous) === serverLines(content)) return performance.now();
    let restore = async () => {
      previous !== void 0 && await this.host.writeFile(this.o.upstreamFile, previous);
    };
    if (previous !== void 0 && this.tested.add(serverLines(previous)), await this.host.writeFile(this.o.upstreamFile, content), !this.tested.has(serverLines(content))) {
      let test = nginxTestCommand(this.o.reloadCommand), t = await this.host.exec(test, { allowFailure: !0, timeoutMs: 3e4 });
      if (t.code !== 0)
        throw await restore(), new RouterError(`\`${test.join(" ")}\` rejected the new upstream file (restored the previous one): ${lastLines(t.stderr, 5)}`);
      this.tested.add(serverLines(content));
    }
    let master = await this.master();
    if (master === void 0)
      throw await restore(), new RouterError(`nginx is not running (no live master in ${this.o.pidFile}); restored the previous upstream file`);
    let before = (await this.workers(master)).filter((w) => !w.shuttingDown).map((w) => w.pid), r = await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 });
    if (r.code !== 0)
      throw await restore(), await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 }), new RouterError(`\`${this.o.reloadCommand.join(" ")}\` failed (restored the previous upstream file): ${lastLines(r.stderr || r.stdout, 5)}`);
    let deadline = performance.now() + (this.o.reloadTimeoutMs ?? 1e4);
    for (; ; ) {
      let now = await this.workers(master);
      if (now.filter((w) => before.includes(w.pid) && !w.shuttingDown).length === 0 && now.some((w) => !before.includes(w.pid)))
        return this.oldWorkers = before, performance.now();
      if (performance.now() > deadline)
        throw await restore(), await this.host.exec(this.o.reloadCommand, { allowFailure: !0, timeoutMs: 3e4 }), new RouterError(
          `nginx did not start workers with the new upstream file within ${this.o.reloadTimeoutMs ?? 1e4} ms; restored the previous file`
        );
      await new Promise((res) => setTimeout(res, 20));
    }
  }
  async isolate(color, ports) {
    let current = serverLines(await this.host.readFile(this.o.upstreamFile)), addr = `${this.o.address ?? "127.0.0.1"}:${ports[color]}`, lines = current.split(`
`).filter((l) => l && !l.includes(addr));
    if (lines.length === current.split(`
`).filter(Boolean).length) return;
    let others = COLORS.filter((c) => c !== color && lines.some((l) => l.includes(`:${ports[c]}`) && !/\bdown\b/.test(l))), weights = { blue: 0, green: 0 };
    for (let c of others) weights[c] = 100;
    await this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }
  route(weights, ports) {
    return this.write(renderUpstream(weights, ports, this.o.app, this.o.address));
  }
  /** In-flight requests on the old workers finish before they exit: wait for that. */
  async drain(_color, timeoutMs) {
    let master = await this.master();
    return master === void 0 ? { drained: !0, ms: 0 } : waitDrained(async () => (await this.workers(master)).filter((w) => this.oldWorkers.includes(w.pid)).length, timeoutMs);
  }
  async retire() {
  }
  async mark(color, ports) {
    let mark = { color, port: ports[color], data: {} };
    return await this.log?.mark(mark, `${this.o.address ?? "127.0.0.1"}:${ports[color]}`), mark;
  }
  trafficSince(mark) {
    return this.log?.since(mark) ?? Promise.resolve(void 0);
  }
  async describe() {
    return serverLines(await this.host.readFile(this.o.upstreamFile)).replace(/\n/g, "; ") || "(empty upstream file)";
  }
};

// packages/deploy/src/nginx-mode.ts
var RELOAD_COST = "every traffic change reloads nginx, which closes idle client keep-alive connections: a client that sends its next request on one gets an error (issue 16 measured 38 failed requests in 4 cutovers). For cutovers without reloads install libnginx-mod-http-lua and set up nginx-mode: lua (see the deploy README)";
function makeNginxRouter(r, host, app, notice2) {
  let reload = () => new NginxRouter({ host, upstreamFile: r.upstreamFile, reloadCommand: r.reloadCommand, pidFile: r.pidFile, accessLog: r.accessLog, app }), lua = () => new NginxLuaRouter({
    host,
    include: r.luaInclude,
    socket: r.adminSocket.split("{app}").join(app),
    token: r.adminToken,
    reloadCommand: r.reloadCommand,
    accessLog: r.accessLog,
    app,
    notice: notice2
  });
  if (r.mode === "reload") return reload();
  if (r.mode === "lua") return lua();
  let hasLua = async () => await luaModule(host, r.reloadCommand) !== void 0;
  return new AutoNginxRouter(reload, r.luaInclude && r.adminToken ? lua : void 0, hasLua, notice2);
}
var NOT_LISTENING = /ENOENT|ECONNREFUSED|no such file|connection refused|no socket at/i, AutoNginxRouter = class {
  constructor(reload, lua, hasLua, notice2) {
    this.reload = reload;
    this.lua = lua;
    this.hasLua = hasLua;
    this.notice = notice2;
  }
  reload;
  lua;
  hasLua;
  notice;
  name = "nginx";
  chosen;
  async choose() {
    if (this.chosen) return this.chosen;
    let why = "nginx-lua-include and nginx-admin-token are not both set";
    if (this.lua) {
      let lua = this.lua();
      try {
        return await lua.admin("GET"), this.chosen = lua, lua;
      } catch (err) {
        if (!NOT_LISTENING.test(messageOf(err)) && await lua.socketExists())
          throw new GantryError(
            `nginx-mode: auto: the Lua admin endpoint answers but not as expected: ${messageOf(err)}. Check nginx-admin-token (it must be the token the include was written with) and nginx-admin-socket; gantry does not fall back to reloads while the Lua balancer may be routing`
          );
      }
      if (await this.hasLua())
        return this.notice?.("nginx-mode: auto chose lua: nginx has the Lua module; setting up gantry's include as nginx-mode: lua does"), this.chosen = lua, lua;
      why = "nginx has no Lua module (none compiled in, and no load_module of ngx_http_lua_module.so in `nginx -T`)";
    }
    return this.notice?.(`nginx-mode: auto chose reload: ${why}. With reload, ${RELOAD_COST}.`), this.chosen = this.reload(), this.chosen;
  }
  async preflight() {
    return (await this.choose()).preflight();
  }
  async isolate(color, ports) {
    return (await this.choose()).isolate(color, ports);
  }
  async route(weights, ports) {
    return (await this.choose()).route(weights, ports);
  }
  async drain(color, timeoutMs) {
    return (await this.choose()).drain(color, timeoutMs);
  }
  async retire(color, ports) {
    return (await this.choose()).retire(color, ports);
  }
  async mark(color, ports) {
    return (await this.choose()).mark(color, ports);
  }
  async trafficSince(mark) {
    return (await this.choose()).trafficSince(mark);
  }
  async describe(ports) {
    return (await this.choose()).describe(ports);
  }
};
function storableRouter(r) {
  return r.kind === "nginx" ? { ...r, adminToken: "" } : r;
}
function withAdminToken(r, env) {
  let token = envInputSource(env)("nginx-admin-token")?.trim();
  return r.kind === "nginx" && token ? { ...r, adminToken: token } : r;
}

// packages/deploy/src/recover.ts
async function recoverCutover(d, doc, engine, o = {}) {
  let c = doc.cutover;
  if (!c) return;
  let found = structuredClone(c), plan = planRecovery(c);
  if (o.completeHeld && c.phase === "verifying" && c.transitions[c.transitions.length - 1]?.note === HELD_NOTE && (plan = { kind: "complete", why: `${plan.why}; it had passed its checks and another host of the same rollout was already promoted` }), c.to.pid === void 0 && (c.to.pid = await d.runtime.running(c.to.color)), plan.kind === "roll-back" && c.from && !await d.runtime.alive(c.from)) {
    let toUp = await d.runtime.alive(c.to), switched = c.phase === "verifying" || c.phase === "switching" && c.weight === 100;
    toUp && switched && (plan = { kind: "complete", why: `${plan.why}; the old version ${c.from.version} is gone and ${c.to.version} is serving` });
  }
  d.reporter.notice(
    `found an unfinished ${c.command} of ${c.to.version} in the journal: ${plan.why}; ${plan.kind === "complete" ? "completing it" : "rolling it back"}`
  );
  let base = { outcome: "failed", version: c.to.version, previousVersion: c.from?.version, verify: [] }, result = await d.timeline.span("recover", async (f) => (f.found = `${c.command} ${c.to.version} at ${c.phase}`, f.action = plan.kind, plan.kind === "complete" ? (await d.router.route({ blue: 0, green: 0, [c.to.color]: 100 }, d.ports), engine.promote(c, base)) : engine.rollback(c, base, `recovered: ${plan.why}`)));
  return { found, action: result.outcome === "promoted" ? "completed" : result.outcome, why: plan.why, result };
}

// packages/deploy/src/runtime.ts
import { join as join10 } from "node:path";
var sleep4 = (ms) => new Promise((r) => setTimeout(r, ms)), ProcessRuntime = class {
  constructor(host, stateDir) {
    this.host = host;
    this.stateDir = stateDir;
  }
  host;
  stateDir;
  name = "process";
  pidFile(color) {
    return join10(this.stateDir, "run", `${color}.pid`);
  }
  logFile(color) {
    return join10(this.stateDir, "logs", `${color}.log`);
  }
  async start(slot, release, env) {
    let leftover = await this.running(slot.color);
    if (leftover) throw new GantryError(`a process of this app (pid ${leftover}) still runs on the ${slot.color} slot; stop it first`);
    let log = this.logFile(slot.color);
    return await this.host.exists(log) && await this.host.rename(log, `${log}.1`), this.host.spawnDetached({ argv: [release.binary], env, cwd: release.dir, logFile: log, pidFile: this.pidFile(slot.color) });
  }
  /** The pid from the color's pid file, if that process runs and is one of ours. */
  async running(color) {
    let pid = Number((await this.host.readFile(this.pidFile(color)))?.trim());
    if (!(!Number.isInteger(pid) || pid <= 1))
      return await this.ours(pid) ? pid : void 0;
  }
  async ours(pid) {
    let info2 = await this.host.processInfo(pid);
    return info2.state !== "running" ? !1 : !info2.command || info2.command.includes(`${join10(this.stateDir, "releases")}/`);
  }
  async runsRelease(pid, release) {
    let info2 = await this.host.processInfo(pid);
    return info2.state === "running" && info2.command === release.binary;
  }
  /** The pid of a slot this run started or the journal recorded: alive as long as it runs (identity is checked before signals). */
  async alive(slot) {
    return slot.pid !== void 0 && (await this.host.processInfo(slot.pid)).state === "running";
  }
  async stop(slot, stopTimeoutMs) {
    let started = performance.now(), pid = slot.pid ?? await this.running(slot.color);
    if (pid === void 0 || !await this.ours(pid)) return { signal: "none", ms: 0 };
    await this.host.signal(pid, "SIGTERM");
    let deadline = started + stopTimeoutMs;
    for (; performance.now() < deadline; ) {
      if ((await this.host.processInfo(pid)).state !== "running") return { signal: "SIGTERM", ms: performance.now() - started };
      await sleep4(25);
    }
    await this.host.signal(pid, "SIGKILL");
    for (let i = 0; i < 200 && (await this.host.processInfo(pid)).state === "running"; i++) await sleep4(25);
    return { signal: "SIGKILL", ms: performance.now() - started };
  }
  async logTail(color, lines) {
    let size = await this.host.fileSize(this.logFile(color)) ?? 0, tail = await this.host.readFrom(this.logFile(color), Math.max(0, size - 8192), 8192);
    return tail ? lastLines(tail.text, lines) : "";
  }
};

// packages/deploy/src/ssh/audit.ts
import { join as join11 } from "node:path";
var AUDIT_FILE = "audit.log";
function auditWho(env) {
  if (env.GITHUB_ACTOR) {
    let where2 = env.GITHUB_REPOSITORY ? ` (${env.GITHUB_REPOSITORY}${env.GITHUB_RUN_ID ? ` run ${env.GITHUB_RUN_ID}` : ""})` : "";
    return `${env.GITHUB_ACTOR}${where2}`;
  }
  return env.USER || env.LOGNAME || "unknown";
}
var APPEND = 'umask 027; mkdir -p -- "$(dirname -- "$1")" && cat >> "$1"';
async function appendAudit(host, stateDir, entry, warn) {
  let line = `${JSON.stringify({ ...entry, reason: entry.reason?.split(`
`)[0] })}
`, path2 = join11(stateDir, AUDIT_FILE);
  try {
    await host.exec(["sh", "-c", APPEND, "sh", path2], { input: line, timeoutMs: 3e4 });
  } catch (err) {
    warn(`could not append to the audit log ${path2} on ${host.name}: ${messageOf(err)}`);
  }
}
function parseAudit(text) {
  return text.split(`
`).filter(Boolean).flatMap((l) => {
    try {
      return [JSON.parse(l)];
    } catch {
      return [];
    }
  });
}

// packages/deploy/src/timeline.ts
var Timeline = class {
  entries = [];
  /** Runs fn as a phase; fn may add figures to the entry it is given. */
  async span(phase, fn) {
    let entry = { phase, start: (/* @__PURE__ */ new Date()).toISOString(), ms: 0, figures: {} };
    this.entries.push(entry);
    let started = performance.now();
    try {
      return await fn(entry.figures);
    } finally {
      entry.ms = Math.round(performance.now() - started);
    }
  }
  /** Adds a phase that was measured elsewhere. */
  add(phase, startedAt, figures2 = {}) {
    let ms = performance.now() - startedAt;
    this.entries.push({ phase, start: new Date(Date.now() - ms).toISOString(), ms: Math.round(ms), figures: figures2 });
  }
  find(phase) {
    return this.entries.find((e) => e.phase === phase);
  }
};

// packages/deploy/src/deploy.ts
function makeRouter(r, host, app, notice2) {
  return r.kind === "haproxy" ? new HaproxyRouter({ host, socket: r.socket, backend: r.backend, stateFile: r.stateFile }) : makeNginxRouter(r, host, app, notice2);
}
function makeRuntime(inputs, host, stateDir, app) {
  return inputs.runtime === "docker" ? new DockerRuntime(host, stateDir, app, inputs.dockerHost, inputs.stopTimeoutMs) : new ProcessRuntime(host, stateDir);
}
function stateDirFor(inputs, app) {
  return inputs.stateDir.split("{app}").join(checkName(app, APP_NAME, "app", ACCEPTED_APP));
}
function engineDeps(inputs, o, lock, parts) {
  return {
    ...parts,
    ownsLock: () => lock.verify(),
    host: o.host,
    reporter: o.reporter,
    ports: inputs.ports,
    gate: inputs.health,
    verify: { windowMs: inputs.verifyWindowMs, maxErrorRate: inputs.maxErrorRate, maxP95Ms: inputs.maxP95Ms },
    drainTimeoutMs: inputs.drainTimeoutMs,
    stopTimeoutMs: inputs.stopTimeoutMs,
    stepPauseMs: inputs.stepPauseMs,
    pauseAt: o.pauseAt,
    // A lost lock also ends the health gate's and the verify windows' waits.
    signal: o.signal ? AbortSignal.any([o.signal, lock.signal]) : lock.signal,
    beforePromote: o.beforePromote
  };
}
async function audit(o, stateDir, runId2, e) {
  if (!o.who) return;
  let me = o.host.deployer(), entry = { at: (/* @__PURE__ */ new Date()).toISOString(), who: o.who, runner: `${me.machine} pid ${me.pid}`, ...e, run: runId2 };
  await appendAudit(o.host, stateDir, entry, (m) => o.reporter.warning(m));
}
function auditRecovery(o, stateDir, runId2, recovery) {
  return audit(o, stateDir, runId2, {
    command: "recover",
    version: recovery.found.to.version,
    from: recovery.found.from?.version,
    outcome: recovery.action,
    reason: recovery.why
  });
}
async function checkIdlePort(host, runtime, doc, inputs) {
  let idle = doc.active ? otherColor(doc.active.color) : "blue", port = inputs.ports[idle];
  if (!await host.portFree(port) && !await runtime.running(idle))
    throw new InputError(
      "ports",
      `${inputs.ports.blue},${inputs.ports.green}`,
      `port ${port} (the idle ${idle} slot) is in use by another process on ${host.name}; free it or choose other ports`
    );
}
async function prepare(inputs, o) {
  let docker = inputs.runtime === "docker", image = inputs.command === "deploy" && docker ? await resolveImage(o.host, inputs.dockerHost, inputs.artifact) : void 0, artifact = inputs.command === "deploy" && !docker ? await resolveArtifact(inputs.artifact, inputs.manifest, await o.host.platform()) : void 0, app = inputs.app || artifact?.project;
  if (!app) throw new InputError("app", "", "it is required when the artifact does not come from a manifest; accepted: the service's name, e.g. hello");
  let version = inputs.version || artifact?.version || artifact?.sha256.slice(0, 12) || imageVersion(image) || "", stateDir = stateDirFor(inputs, app), router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  let runtime = makeRuntime(inputs, o.host, stateDir, app), journal = new Journal(o.host, stateDir), doc = await journal.read(app);
  if (doc.app !== app) throw new GantryError(`${journal.path} belongs to app ${doc.app}, not ${app}; give each app its own state-dir`);
  return await checkIdlePort(o.host, runtime, doc, inputs), { artifact, image, app, version, stateDir, router, runtime, journal };
}
function imageVersion(image) {
  return image ? /:([\w][\w.-]{0,127})$/.exec(image.ref.split("@")[0]?.split("/").pop() ?? "")?.[1] ?? image.id.slice(7, 19) : "";
}
async function runDeploy(inputs, o) {
  if (inputs.command === "status") throw new GantryError("internal: runDeploy does not run status");
  let command = inputs.command, { artifact, image, app, version, stateDir, router, runtime, journal } = await prepare(inputs, o), timeline = new Timeline(), runId2 = runId();
  await o.host.mkdirp(stateDir, 488);
  let lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter })), o.onLocked?.(runId2, stateDir);
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, lock, { runtime, router, journal, timeline, runId: runId2 }), engine = new CutoverEngine(deps, doc), recovery = await recoverCutover(deps, doc, engine);
    await checkIdlePort(o.host, runtime, doc, inputs);
    let plan = command === "deploy" ? {
      command,
      version,
      strategy: inputs.strategy,
      steps: inputs.steps,
      stage: async () => {
        let running = [doc.active?.version, doc.previous?.version].filter((v) => !!v), { release, reused } = image ? await stageImageRelease(o.host, stateDir, version, image, inputs.env, running, runId2) : await stageRelease(o.host, stateDir, version, artifact, inputs.env, running, runId2);
        return reused && o.reporter.info(`release ${version} is already in ${release.dir} (same sha256); reusing it`), { release, env: inputs.env };
      }
    } : await rollbackPlan(o.host, stateDir, doc, inputs);
    recovery && await auditRecovery(o, stateDir, runId2, recovery);
    let result;
    try {
      result = await engine.run(plan);
    } catch (err) {
      throw err instanceof LockLostError || await audit(o, stateDir, runId2, { command, version: plan.version, from: doc.active?.version, outcome: "failed", reason: messageOf(err) }), err;
    }
    await audit(o, stateDir, runId2, {
      command,
      version: plan.version,
      from: result.previousVersion,
      outcome: result.outcome,
      reason: result.reason
    });
    let protect = [doc.active?.version, doc.previous?.version, version].filter((v) => !!v), pruned = await pruneReleases(o.host, stateDir, inputs.keepReleases, protect);
    return { app, command, stateDir, result, recovery, timeline, runId: runId2, pruned };
  } finally {
    await lock.release();
  }
}
async function recoverOnly(inputs, stateDir, o, ro = {}) {
  let journal = new Journal(o.host, stateDir), first = await journal.read("");
  if (!first.cutover) return;
  let app = first.app, router = makeRouter(inputs.router, o.host, app, (m) => o.reporter.notice(m));
  await router.preflight();
  let timeline = new Timeline(), runId2 = runId(), lock = new DeployLock(o.host, stateDir);
  await timeline.span("lock", async () => lock.acquire({ timeoutMs: inputs.lockTimeoutMs, runId: runId2, reporter: o.reporter }));
  try {
    let doc = await journal.read(app), deps = engineDeps(inputs, o, lock, { runtime: makeRuntime(inputs, o.host, stateDir, app), router, journal, timeline, runId: runId2 }), recovery = await recoverCutover(deps, doc, new CutoverEngine(deps, doc), ro);
    return recovery ? (await auditRecovery(o, stateDir, runId2, recovery), { app, command: recovery.found.command, stateDir, result: recovery.result, recovery, timeline, runId: runId2, pruned: [] }) : void 0;
  } finally {
    await lock.release();
  }
}
async function rollbackPlan(host, stateDir, doc, inputs) {
  let target = doc.previous;
  if (!target) throw new GantryError(`there is no previous release of ${doc.app} in ${join12(stateDir, "journal.json")} to roll back to`);
  let release = await findRelease(host, stateDir, target.version);
  if (!release) throw new GantryError(`the previous release ${target.version} is no longer in ${join12(stateDir, "releases")} (pruned past keep-releases?)`);
  return {
    command: "rollback",
    version: target.version,
    strategy: inputs.strategy,
    steps: inputs.steps,
    stage: async () => ({ release, env: await releaseEnv(host, release) })
  };
}

// packages/deploy/src/inputs.ts
import { isAbsolute as isAbsolute4, resolve as resolve3 } from "node:path";

// packages/deploy/src/ssh/inputs.ts
import { isAbsolute as isAbsolute3, resolve as resolve2 } from "node:path";

// packages/deploy/src/ssh/hosts.ts
var ACCEPTED = "accepted: user@host or user@host:port, one per line or comma-separated, e.g. deploy@web-1.example.com or deploy@10.0.0.5:2222", USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/, LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/, IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/, IPV6 = /^[0-9A-Fa-f:.]{2,45}$/;
function isHostname(h) {
  return h.length <= 253 && h.split(".").every((l) => LABEL.test(l)) && !/^[\d.]+$/.test(h);
}
function hostLabel(user, host, port) {
  let h = host.includes(":") ? `[${host}]` : host;
  return `${user}@${h}${port === 22 ? "" : `:${port}`}`;
}
function parseHost(entry, input = "hosts") {
  let fail = (why) => {
    throw new InputError(input, entry, `${why}; ${ACCEPTED}`);
  }, at = entry.lastIndexOf("@");
  at < 0 && fail("the user is missing (gantry never guesses it from the runner's account)");
  let user = entry.slice(0, at), rest = entry.slice(at + 1);
  USER.test(user) || fail(`${JSON.stringify(user)} is not a user name (letters, digits, _ . -, starting with a letter or _)`);
  let port = 22, host;
  if (rest.startsWith("[")) {
    let close = rest.indexOf("]");
    close < 0 && fail("the [ of an IPv6 address is not closed"), host = rest.slice(1, close), rest = rest.slice(close + 1), (!IPV6.test(host) || !host.includes(":")) && fail(`${JSON.stringify(host)} is not an IPv6 address`), rest !== "" && !rest.startsWith(":") && fail("only :port may follow an IPv6 address in brackets"), rest && (port = parsePort(rest.slice(1), fail));
  } else {
    let colon = rest.indexOf(":");
    colon >= 0 && (rest.indexOf(":", colon + 1) >= 0 && fail("an IPv6 address must be written in brackets, e.g. deploy@[2001:db8::5]:22"), port = parsePort(rest.slice(colon + 1), fail), rest = rest.slice(0, colon)), host = rest, !IPV4.test(host) && !isHostname(host) && fail(`${JSON.stringify(host)} is not a hostname or an IPv4 address`);
  }
  return { user, host, port, label: hostLabel(user, host, port) };
}
function parsePort(text, fail) {
  return (!/^\d{1,5}$/.test(text) || Number(text) < 1 || Number(text) > 65535) && fail(`port ${JSON.stringify(text)} is not a number from 1 to 65535`), Number(text);
}
function parseHosts(text, input = "hosts") {
  let entries = text.split(/[,\n]/).map((s) => s.trim()).filter(Boolean), hosts = [];
  for (let e of entries) {
    let h = parseHost(e, input);
    if (hosts.find((o) => o.user === h.user && o.host.toLowerCase() === h.host.toLowerCase() && o.port === h.port)) throw new InputError(input, text, `${h.label} is listed twice; ${ACCEPTED}`);
    hosts.push(h);
  }
  return hosts;
}

// packages/deploy/src/ssh/keys.ts
import { writeFile } from "node:fs/promises";
import { join as join13 } from "node:path";
var KEY_SHOWN_AS = "(the key, not shown)", BEGIN = /^-----BEGIN ((?:OPENSSH|RSA|EC|DSA|ENCRYPTED) )?PRIVATE KEY-----$/, PUBLIC_TYPES = /^(ssh-(ed25519|rsa|dss)|ecdsa-sha2-nistp(256|384|521)|sk-(ssh-ed25519|ecdsa-sha2-nistp256)@openssh\.com)(-cert-v01@openssh\.com)?$/;
function normalizeKey(text) {
  return `${text.replace(/\r\n?/g, `
`).trim()}
`;
}
function wireStrings(buf, from, count) {
  let out = [], at = from;
  for (let i = 0; i < count; i++) {
    if (at + 4 > buf.length) return;
    let len = buf.readUInt32BE(at);
    if (at + 4 + len > buf.length) return;
    out.push(buf.subarray(at + 4, at + 4 + len).toString("latin1")), at += 4 + len;
  }
  return out;
}
function checkPrivateKey(raw, input = "ssh-key") {
  let text = normalizeKey(raw), fail = (why) => {
    throw new InputError(input, KEY_SHOWN_AS, why);
  }, lines = text.trimEnd().split(`
`), first = lines[0] ?? "";
  PUBLIC_TYPES.test(first.split(/\s+/)[0] ?? "") && fail("this is a public key (the .pub file); give the private key, the file that starts with -----BEGIN OPENSSH PRIVATE KEY-----"), first.startsWith("PuTTY-User-Key-File") && fail("this is a PuTTY key; convert it with `puttygen key.ppk -O private-openssh -o id_ed25519` and give that file");
  let begin = BEGIN.exec(first);
  begin || fail("accepted: a private key in OpenSSH or PEM format, starting with -----BEGIN OPENSSH PRIVATE KEY----- (the whole file, with its BEGIN and END lines)");
  let kind = begin[1] ?? "", end = `-----END ${kind}PRIVATE KEY-----`;
  lines[lines.length - 1] !== end && fail(`the key is cut short: its last line must be ${end} (was the secret pasted whole?)`), (kind === "ENCRYPTED " || text.includes("Proc-Type: 4,ENCRYPTED")) && fail("the key is protected by a passphrase, which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')");
  let b64 = lines.slice(1, -1).filter((l) => !l.includes(":")).join("");
  if ((!/^[A-Za-z0-9+/]+=*$/.test(b64) || b64.length % 4 !== 0) && fail("the lines between BEGIN and END are not base64 (was the key changed when it was pasted?)"), kind === "OPENSSH ") {
    let blob = Buffer.from(b64, "base64"), magic = "openssh-key-v1\0";
    blob.subarray(0, magic.length).toString("latin1") !== magic && fail("the OpenSSH key block does not start with openssh-key-v1");
    let [cipher] = wireStrings(blob, magic.length, 1) ?? [];
    cipher === void 0 && fail("the OpenSSH key block is truncated"), cipher !== "none" && fail(
      `the key is protected by a passphrase (cipher ${cipher}), which nobody can type on a runner; use a deploy key without one (ssh-keygen -t ed25519 -N '')`
    );
  }
  return text;
}
function checkKnownHosts(text, input = "known-hosts") {
  let found = [], lines = text.replace(/\r\n?/g, `
`).split(`
`);
  for (let [i, raw] of lines.entries()) {
    let line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    let fields = line.split(/\s+/);
    if (fields[0]?.startsWith("@")) {
      if (fields[0] !== "@cert-authority" && fields[0] !== "@revoked")
        throw new InputError(input, line, `line ${i + 1}: unknown marker ${fields[0]}; accepted: @cert-authority or @revoked`);
      fields.shift();
    }
    let [patterns, keyType, key] = fields, accepted = "accepted: known_hosts lines such as `web-1.example.com ssh-ed25519 AAAAC3Nza…` (the output of ssh-keyscan)";
    if (!patterns || !keyType || !key) throw new InputError(input, line, `line ${i + 1} has fewer than three fields; ${accepted}`);
    if (!PUBLIC_TYPES.test(keyType)) throw new InputError(input, line, `line ${i + 1}: ${keyType} is not an SSH key type; ${accepted}`);
    let blob = Buffer.from(key, "base64"), [type] = /^[A-Za-z0-9+/]+=*$/.test(key) ? wireStrings(blob, 0, 1) ?? [] : [];
    if (type !== keyType) throw new InputError(input, line, `line ${i + 1}: the key is not a base64 ${keyType} key; ${accepted}`);
    found.push({ patterns, keyType, key });
  }
  if (found.length === 0)
    throw new InputError(input, text.slice(0, 80), "it holds no host key; accepted: known_hosts lines, e.g. the output of `ssh-keyscan -t ed25519 web-1`");
  return found;
}
async function writePrivateFile(dir, name, text) {
  let path2 = join13(dir, name);
  return await writeFile(path2, text, { mode: 384, flag: "wx" }), path2;
}
async function verifyKeyFile(path2, input = "ssh-key") {
  try {
    return (await exec("ssh-keygen", ["-y", "-P", "", "-f", path2], { timeoutMs: 1e4 })).stdout.trim();
  } catch (err) {
    if (err instanceof ExecError) {
      let why = lastLines(err.result.stderr, 2).replace(path2, "the key") || `exit ${err.code}`;
      throw new InputError(input, KEY_SHOWN_AS, `ssh-keygen cannot read it: ${why}`);
    }
    throw new GantryError(`ssh-keygen is needed to check ssh-key and was not found: ${err.message}`);
  }
}

// packages/deploy/src/ssh/options.ts
var INT = (min, max) => (v) => /^\d{1,6}$/.test(v) && Number(v) >= min && Number(v) <= max, YES_NO = (v) => /^(yes|no)$/i.test(v), ALGORITHMS = (v) => /^[+\-^]?[A-Za-z0-9@._-]+(,[A-Za-z0-9@._-]+)*$/.test(v), ALLOWED = {
  connecttimeout: ["ConnectTimeout", INT(1, 600), "seconds from 1 to 600"],
  connectionattempts: ["ConnectionAttempts", INT(1, 10), "a number from 1 to 10"],
  serveraliveinterval: ["ServerAliveInterval", INT(0, 3600), "seconds from 0 to 3600"],
  serveralivecountmax: ["ServerAliveCountMax", INT(1, 100), "a number from 1 to 100"],
  tcpkeepalive: ["TCPKeepAlive", YES_NO, "yes or no"],
  compression: ["Compression", YES_NO, "yes or no"],
  addressfamily: ["AddressFamily", (v) => /^(any|inet|inet6)$/.test(v), "any, inet or inet6"],
  ipqos: ["IPQoS", (v) => /^[a-z0-9]+( [a-z0-9]+)?$/.test(v), "one or two of af11…af43, cs0…cs7, ef, le, lowdelay, throughput, reliability, none"],
  rekeylimit: ["RekeyLimit", (v) => /^(default|\d+[KMG]?)( (none|\d+[smhdw]?))?$/.test(v), "a size and an optional time, e.g. 1G 1h"],
  ciphers: ["Ciphers", ALGORITHMS, "a comma-separated list of algorithms"],
  macs: ["MACs", ALGORITHMS, "a comma-separated list of algorithms"],
  kexalgorithms: ["KexAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  hostkeyalgorithms: ["HostKeyAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"],
  pubkeyacceptedalgorithms: ["PubkeyAcceptedAlgorithms", ALGORITHMS, "a comma-separated list of algorithms"]
}, REFUSED = {
  stricthostkeychecking: "host keys are always checked against known-hosts (ssh-insecure-skip-host-key-check exists for throwaway test hosts)",
  userknownhostsfile: "give the host keys in known-hosts",
  globalknownhostsfile: "give the host keys in known-hosts",
  checkhostip: "host keys are checked against known-hosts",
  identityfile: "give the key in ssh-key",
  identitiesonly: "gantry sets it when ssh-key is given",
  identityagent: "give the key in ssh-key, or run an agent and leave ssh-key empty",
  batchmode: "gantry never prompts: it is always on",
  controlmaster: "gantry keeps one connection per host itself",
  controlpath: "gantry keeps one connection per host itself",
  controlpersist: "gantry keeps one connection per host itself",
  proxycommand: "it runs a local command",
  proxyjump: "jump hosts are not supported yet (their host keys would be checked by a second ssh this run does not configure)",
  localcommand: "it runs a local command",
  permitlocalcommand: "it runs a local command",
  knownhostscommand: "it runs a local command",
  remotecommand: "gantry sends its own commands",
  user: "give the user in hosts (user@host)",
  port: "give the port in hosts (user@host:port)",
  hostname: "give the address in hosts"
}, ACCEPTED2 = `accepted: one Option=value per line, among ${Object.values(ALLOWED).map(([n]) => n).join(", ")}`;
function parseSshOptions(lines, input = "ssh-options") {
  let out = [];
  for (let line of lines) {
    let m = /^([A-Za-z]+)\s*(?:=\s*|\s+)(.+)$/.exec(line.trim());
    if (!m) throw new InputError(input, line, ACCEPTED2);
    let [, name, rawValue] = m, value = rawValue.trim(), key = name.toLowerCase(), refused = REFUSED[key];
    if (refused) throw new InputError(input, line, `${name} cannot be set here: ${refused}`);
    let allowed = ALLOWED[key];
    if (!allowed) throw new InputError(input, line, `${name} is not on gantry's list of options; ${ACCEPTED2}`);
    let [canonical, check, what] = allowed;
    if (!check(value)) throw new InputError(input, line, `${canonical} takes ${what}`);
    if (out.some((o) => o.startsWith(`${canonical}=`))) throw new InputError(input, line, `${canonical} is given twice`);
    out.push(`${canonical}=${value}`);
  }
  return out;
}
function optionValue(options, name) {
  return options.find((x) => x.startsWith(`${name}=`))?.slice(name.length + 1);
}

// packages/deploy/src/ssh/inputs.ts
var REMOTE_INPUTS = {
  hosts: "",
  "ssh-key": "",
  "known-hosts": "",
  "ssh-insecure-skip-host-key-check": "false",
  "ssh-options": "",
  rollout: "serial",
  "max-parallel": "2",
  "canary-hosts": "0"
}, REMOTE_PATHS = ["state-dir", "haproxy-socket", "haproxy-server-state-file", "nginx-upstream-file", "nginx-pid-file", "nginx-access-log"];
function parseRemoteInputs(read, cwd) {
  let hosts = parseHosts(read.string("hosts")), rawKey = read.string("ssh-key"), rawKnown = read.string("known-hosts"), insecure = read.bool("ssh-insecure-skip-host-key-check"), sshOptions = parseSshOptions(read.lines("ssh-options")), rollout = read.choice("rollout", ["serial", "parallel"]), maxParallel = read.int("max-parallel", 1, 100), canaryHosts = read.int("canary-hosts", 0, 1e3);
  if (hosts.length === 0) {
    let set = [rawKey && "ssh-key", rawKnown && "known-hosts", sshOptions.length > 0 && "ssh-options"].filter(Boolean);
    if (set.length)
      throw new InputError(
        "hosts",
        "",
        `it is empty but ${set.join(" and ")} ${set.length > 1 ? "are" : "is"} set; give the servers (user@host[:port]), or remove the SSH inputs to deploy on this machine`
      );
    return { hosts, sshKey: "", knownHosts: void 0, insecure, sshOptions, rollout, maxParallel, canaryHosts };
  }
  for (let name of REMOTE_PATHS) {
    let v = read.string(name);
    if (v && !v.startsWith("/")) throw new InputError(name, v, "with hosts it is a path on the servers and must be absolute, e.g. /var/lib/gantry/{app}");
  }
  let sshKey = rawKey ? checkPrivateKey(rawKey) : "", knownHosts;
  if (insecure) {
    if (rawKnown)
      throw new InputError(
        "ssh-insecure-skip-host-key-check",
        "true",
        "known-hosts is given too; either check host keys (remove this switch) or skip the check (remove known-hosts)"
      );
  } else if (rawKnown)
    !/\s/.test(rawKnown) && /^[~./]/.test(rawKnown) ? knownHosts = { path: rawKnown.startsWith("~/") ? resolve2(process.env.HOME ?? "/", rawKnown.slice(2)) : isAbsolute3(rawKnown) ? rawKnown : resolve2(cwd, rawKnown) } : (checkKnownHosts(rawKnown), knownHosts = { text: rawKnown });
  else throw new InputError(
    "known-hosts",
    "",
    "it is required with hosts: host keys are always checked; accepted: known_hosts lines (e.g. from `ssh-keyscan web-1`) or the path of a known_hosts file. For a throwaway test host only: ssh-insecure-skip-host-key-check: true"
  );
  if (canaryHosts >= hosts.length && canaryHosts > 0)
    throw new InputError(
      "canary-hosts",
      String(canaryHosts),
      `it must be fewer than the ${hosts.length} host(s) in hosts, so some hosts wait for the canaries; 0 turns it off`
    );
  return { hosts, sshKey, knownHosts, insecure, sshOptions, rollout, maxParallel, canaryHosts };
}

// packages/deploy/src/inputs.ts
var DEPLOY_INPUTS = {
  command: "deploy",
  app: "",
  manifest: "dist/artifacts.json",
  artifact: "",
  version: "",
  env: "",
  ports: "8081,8082",
  runtime: "process",
  "docker-host": "",
  router: "haproxy",
  "haproxy-socket": "/run/haproxy/admin.sock",
  "haproxy-backend": "app",
  "haproxy-server-state-file": "",
  "nginx-upstream-file": "",
  "nginx-reload-command": "nginx -s reload",
  "nginx-pid-file": "/run/nginx.pid",
  "nginx-access-log": "",
  "nginx-mode": "reload",
  "nginx-lua-include": "",
  "nginx-admin-socket": "/run/gantry/{app}-nginx.sock",
  "nginx-admin-token": "",
  strategy: "blue-green",
  "canary-steps": "5,25,50,100",
  "step-pause": "0s",
  "health-path": "/healthz",
  "health-successes": "3",
  "health-timeout": "60s",
  "health-interval": "500ms",
  "verify-window": "30s",
  "max-error-rate": "1%",
  "max-p95": "",
  "drain-timeout": "30s",
  "stop-timeout": "30s",
  "state-dir": "/var/lib/gantry/{app}",
  "keep-releases": "5",
  "lock-timeout": "2m",
  ...REMOTE_INPUTS
};
function parseSteps(text, input = "canary-steps") {
  let parts = text.split(/[,\s]+/).map((s) => s.trim().replace(/%$/, "")).filter(Boolean), accepted = "accepted: increasing whole percentages that end at 100, e.g. 5,25,50,100";
  if (parts.length === 0) throw new InputError(input, text, accepted);
  let steps = parts.map((p) => /^\d{1,3}$/.test(p) ? Number(p) : Number.NaN);
  if (steps.some((s) => !Number.isInteger(s) || s < 1 || s > 100)) throw new InputError(input, text, `each step is a whole number from 1 to 100; ${accepted}`);
  for (let i = 1; i < steps.length; i++)
    if (steps[i] <= steps[i - 1])
      throw new InputError(input, text, `steps must increase (${steps[i - 1]} then ${steps[i]}); ${accepted}`);
  if (steps[steps.length - 1] !== 100) throw new InputError(input, text, `the last step must be 100 so the new version ends with all traffic; ${accepted}`);
  return steps;
}
function parsePorts(text) {
  let parts = text.split(/[,\s]+/).filter(Boolean), accepted = "accepted: two different ports, blue's then green's, e.g. 8081,8082";
  if (parts.length !== 2 || !parts.every((p) => /^\d{1,5}$/.test(p))) throw new InputError("ports", text, accepted);
  let [blue, green] = parts.map(Number);
  if (blue < 1 || blue > 65535 || green < 1 || green > 65535 || blue === green) throw new InputError("ports", text, accepted);
  return { blue, green };
}
function path(read, name, cwd) {
  let v = read.string(name);
  if (v === "") return "";
  if (/[\0\r\n]/.test(v)) throw new InputError(name, v, "accepted: a file path on one line");
  return isAbsolute4(v) ? v : resolve3(cwd, v);
}
function routerInputs(read, cwd) {
  let kind = read.choice("router", ["haproxy", "nginx"]);
  if (kind === "haproxy") {
    let backend = read.string("haproxy-backend");
    if (!HAPROXY_NAME.test(backend)) throw new InputError("haproxy-backend", backend, "accepted: a HAProxy backend name (letters, digits, . _ : -)");
    let socket = path(read, "haproxy-socket", cwd);
    if (!socket)
      throw new InputError(
        "haproxy-socket",
        "",
        "it is required with router: haproxy; accepted: the path of HAProxy's admin socket (`stats socket … level admin`)"
      );
    return { kind, socket, backend, stateFile: path(read, "haproxy-server-state-file", cwd) };
  }
  let mode = read.choice("nginx-mode", ["reload", "lua", "auto"]), upstreamFile = path(read, "nginx-upstream-file", cwd);
  if (!upstreamFile && mode !== "lua")
    throw new InputError(
      "nginx-upstream-file",
      "",
      `it is required with router: nginx and nginx-mode: ${mode}; accepted: the path of a file your upstream block includes (gantry rewrites it)`
    );
  let reload = splitCommandLine(read.string("nginx-reload-command"));
  if ("error" in reload)
    throw new InputError("nginx-reload-command", read.string("nginx-reload-command"), `${reload.error}; accepted: a command such as nginx -s reload`);
  return {
    kind,
    upstreamFile,
    reloadCommand: reload,
    pidFile: path(read, "nginx-pid-file", cwd),
    accessLog: path(read, "nginx-access-log", cwd),
    mode,
    ...luaInputs(read, cwd, mode)
  };
}
function luaInputs(read, cwd, mode) {
  let luaInclude = path(read, "nginx-lua-include", cwd);
  if (!luaInclude && mode === "lua")
    throw new InputError(
      "nginx-lua-include",
      "",
      "it is required with nginx-mode: lua; accepted: the path of the file gantry writes and your http {} block includes"
    );
  let adminSocket = path(read, "nginx-admin-socket", cwd);
  if (!adminSocket || /[\s;{}"'\\]/.test(adminSocket.split("{app}").join("app")))
    throw new InputError(
      "nginx-admin-socket",
      adminSocket,
      "accepted: a unix socket path without spaces, quotes, ; { } or \\, e.g. /run/gantry/{app}-nginx.sock"
    );
  let adminToken = read.string("nginx-admin-token");
  if (adminToken ? !/^[\x21-\x7e]{16,}$/.test(adminToken) : mode === "lua")
    throw new InputError(
      "nginx-admin-token",
      adminToken ? "(hidden)" : "",
      "accepted: a secret of at least 16 printable characters without spaces, passed from a repository secret (required with nginx-mode: lua)"
    );
  return { luaInclude, adminSocket, adminToken };
}
function imageArtifact(read) {
  let ref = read.string("artifact");
  return ref && checkImageReference(ref);
}
function duration(read, name, min) {
  let ms = read.duration(name);
  if (ms < min) throw new InputError(name, read.string(name), `it must be at least ${min} ms`);
  return ms;
}
function parseDeployInputs(read, cwd) {
  let command = read.choice("command", ["deploy", "rollback", "status"]), app = read.string("app");
  if (app && !APP_NAME.test(app)) throw new InputError("app", app, `accepted: ${ACCEPTED_APP}`);
  let version = read.string("version");
  if (version && !RELEASE_VERSION.test(version)) throw new InputError("version", version, `accepted: ${ACCEPTED_VERSION}`);
  let runtime = read.string("runtime");
  if (runtime !== "process" && runtime !== "docker")
    throw new InputError(
      "runtime",
      runtime,
      "accepted: process or docker (systemd cannot be tested on the machine gantry is built on yet, so it is not offered)"
    );
  let dockerHost = read.string("docker-host");
  if (dockerHost && !DOCKER_HOST.test(dockerHost))
    throw new InputError(
      "docker-host",
      dockerHost,
      "accepted: unix:///path/to/docker.sock or tcp://127.0.0.1:port (a daemon on the host), or empty for DOCKER_HOST"
    );
  let remote = parseRemoteInputs(read, cwd);
  if (runtime === "docker" && remote.hosts.length > 0)
    throw new InputError(
      "runtime",
      runtime,
      "runtime: docker is not offered with hosts yet (it is tested on this machine only); use runtime: process for a fleet"
    );
  let env = read.keyValues("env");
  if ("PORT" in env) throw new InputError("env", "PORT=…", "PORT is set by gantry to the slot's port (see ports); remove it from env");
  let strategy = read.choice("strategy", ["blue-green", "canary"]), steps = strategy === "canary" ? parseSteps(read.string("canary-steps")) : [100], healthPath = read.string("health-path");
  if (!/^\/[\x21-\x7e]*$/.test(healthPath))
    throw new InputError("health-path", healthPath, "accepted: a URL path starting with /, without spaces, e.g. /healthz");
  let maxErrorRate = read.percent("max-error-rate");
  if (maxErrorRate === void 0) throw new InputError("max-error-rate", "", "it is required; accepted: a percentage, e.g. 1%");
  let maxP95 = read.string("max-p95") ? duration(read, "max-p95", 1) : void 0, stateDir = read.string("state-dir");
  if (!stateDir || /[\0\r\n]/.test(stateDir)) throw new InputError("state-dir", stateDir, "accepted: a folder path, e.g. /var/lib/gantry/{app}");
  return {
    command,
    app,
    manifest: path(read, "manifest", cwd),
    // runtime: docker takes an image reference, not a path.
    artifact: runtime === "docker" ? imageArtifact(read) : path(read, "artifact", cwd),
    version,
    env,
    ports: parsePorts(read.string("ports")),
    runtime,
    dockerHost,
    router: routerInputs(read, cwd),
    strategy,
    steps,
    stepPauseMs: duration(read, "step-pause", 0),
    health: {
      path: healthPath,
      successes: read.int("health-successes", 1, 100),
      timeoutMs: duration(read, "health-timeout", 1),
      intervalMs: duration(read, "health-interval", 10)
    },
    verifyWindowMs: duration(read, "verify-window", 0),
    maxErrorRate,
    maxP95Ms: maxP95,
    drainTimeoutMs: duration(read, "drain-timeout", 0),
    stopTimeoutMs: duration(read, "stop-timeout", 0),
    stateDir: isAbsolute4(stateDir) ? stateDir : resolve3(cwd, stateDir),
    keepReleases: read.int("keep-releases", 1, 1e3),
    lockTimeoutMs: duration(read, "lock-timeout", 0),
    remote
  };
}

// packages/deploy/src/localhost.ts
import { spawn as spawn2 } from "node:child_process";
import { closeSync, constants as constants3, createReadStream as createReadStream2, fchmodSync, openSync } from "node:fs";
import { mkdir as mkdir3, open as open2, readFile as readFile4, readdir, rename as rename2, rm as rm3, stat as stat2 } from "node:fs/promises";
import http from "node:http";
import net from "node:net";
import { hostname } from "node:os";
import { dirname as dirname5 } from "node:path";
var PIDFILE_WRAPPER = 'rm -f "$0.tmp" && set -C && echo $$ > "$0.tmp" && set +C && mv -f "$0.tmp" "$0" && exec "$@"', LOG_MODE = 416, LocalHost = class {
  name = "local";
  async platform() {
    return hostTarget();
  }
  exec(argv, options = {}) {
    let [file, ...args] = argv;
    if (!file) throw new GantryError("internal: empty command");
    return exec(file, args, { timeoutMs: options.timeoutMs, allowFailure: options.allowFailure, input: options.input });
  }
  async readFile(path2) {
    try {
      return await readFile4(path2, "utf8");
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
  }
  async readFrom(path2, offset, maxBytes) {
    let fh;
    try {
      fh = await open2(path2, "r");
    } catch (err) {
      if (err.code === "ENOENT") return;
      throw err;
    }
    try {
      let { size } = await fh.stat(), start = Math.min(offset, size), length = Math.min(size - start, maxBytes), buf = Buffer.alloc(length);
      return await fh.read(buf, 0, length, start), { text: buf.toString("utf8"), size };
    } finally {
      await fh.close();
    }
  }
  async fileSize(path2) {
    try {
      return (await stat2(path2)).size;
    } catch {
      return;
    }
  }
  /** The temp name a write goes through (a method so a test can plant a symlink at it). */
  tempFor(path2) {
    return tempPathBeside(path2);
  }
  /** Exclusive, no-follow temp file and a rename (core's writeFileAtomic; it makes the folder only when missing). */
  writeFile(path2, data, mode) {
    return writeFileAtomic(path2, data, mode, this.tempFor(path2));
  }
  rename(from, to) {
    return rename2(from, to);
  }
  async mkdirp(path2, mode) {
    await mkdir3(path2, { recursive: !0, mode });
  }
  remove(path2) {
    return rm3(path2, { recursive: !0, force: !0 });
  }
  async list(dir) {
    try {
      return await readdir(dir);
    } catch {
      return [];
    }
  }
  exists(path2) {
    return exists(path2);
  }
  async sha256(path2) {
    return await exists(path2) ? sha256File(path2) : void 0;
  }
  async upload(localPath, hostPath, mode) {
    let chunks = (async function* () {
      yield* createReadStream2(localPath);
    })();
    return await writeFileAtomic(hostPath, chunks, mode, this.tempFor(hostPath)), sha256File(hostPath);
  }
  async spawnDetached(spec) {
    await mkdir3(dirname5(spec.logFile), { recursive: !0 }), await mkdir3(dirname5(spec.pidFile), { recursive: !0 });
    let fd = openSync(spec.logFile, constants3.O_WRONLY | constants3.O_APPEND | constants3.O_CREAT | constants3.O_NOFOLLOW, LOG_MODE);
    try {
      fchmodSync(fd, LOG_MODE);
      let child = spawn2("/bin/sh", ["-c", PIDFILE_WRAPPER, spec.pidFile, ...spec.argv], {
        cwd: spec.cwd,
        env: spec.env,
        detached: !0,
        stdio: ["ignore", fd, fd]
      }), pid = await new Promise((res, rej) => {
        child.once("error", (e) => rej(new GantryError(`could not start ${spec.argv[0]}: ${e.message}`))), child.once("spawn", () => res(child.pid));
      });
      child.unref();
      for (let i = 0; i < 200 && (await this.readFile(spec.pidFile))?.trim() !== String(pid) && (await localProcessInfo(pid)).state === "running"; i++)
        await new Promise((r) => setTimeout(r, 5));
      return pid;
    } finally {
      closeSync(fd);
    }
  }
  processInfo(pid) {
    return localProcessInfo(pid);
  }
  async signal(pid, signal) {
    try {
      process.kill(pid, signal);
    } catch (err) {
      if (err.code !== "ESRCH") throw err;
    }
  }
  portFree(port) {
    return new Promise((res) => {
      let srv = net.createServer();
      srv.once("error", () => res(!1)), srv.listen({ port, host: "127.0.0.1", exclusive: !0 }, () => srv.close(() => res(!0)));
    });
  }
  httpGet(port, path2, timeoutMs) {
    let started = performance.now();
    return new Promise((res) => {
      let req = http.get({ host: "127.0.0.1", port, path: path2, agent: !1, timeout: timeoutMs, headers: { "user-agent": "gantry-deploy" } }, (r) => {
        r.resume(), r.on("end", () => {
          let status = r.statusCode ?? 0;
          res({ ok: status >= 200 && status < 300, status, ms: performance.now() - started });
        }), r.on("error", (e) => res({ ok: !1, status: 0, ms: performance.now() - started, error: e.message }));
      });
      req.on("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`))), req.on("error", (e) => res({ ok: !1, status: 0, ms: performance.now() - started, error: e.code ?? e.message }));
    });
  }
  socketRequest(socketPath, text, timeoutMs) {
    return new Promise((res, rej) => {
      let sock = net.connect(socketPath), out = "", timer = setTimeout(() => sock.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      sock.setEncoding("utf8"), sock.on("connect", () => sock.end(text.endsWith(`
`) ? text : `${text}
`)), sock.on("data", (d) => out += d), sock.on("close", () => {
        clearTimeout(timer), res(out);
      }), sock.on("error", (e) => {
        clearTimeout(timer), rej(new GantryError(`${socketPath}: ${e.code ?? e.message}`));
      });
    });
  }
  deployer() {
    return { machine: hostname(), pid: process.pid };
  }
};

// packages/deploy/src/ssh/connect.ts
import { mkdtemp, readFile as readFile6, rm as rm5 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join16 } from "node:path";

// packages/deploy/src/ssh/session.ts
import { rm as rm4 } from "node:fs/promises";
import { join as join15 } from "node:path";

// packages/deploy/src/ssh/agent.ts
import { spawn as spawn3 } from "node:child_process";
var AGENT = `for t in od sed; do command -v $t >/dev/null 2>&1 || { echo "gantry-agent: $t is missing" >&2; exit 97; }; done
dec() { i=0; while [ "$i" -lt "$1" ]; do IFS= read -r l || exit 1; printf "$l"; i=$((i + 1)); done; }
exec 3>&1
echo "gantry-agent-ready 1"
while IFS=' ' read -r id nc ni; do
  case "$id:$nc:$ni" in *[!0-9:]*|*::*|:*|*:) echo "gantry-agent: bad request header" >&2; exit 1 ;; esac
  c=$(dec "$nc" && echo .) || exit 1
  in=$(dec "$ni" && echo .) || exit 1
  echo "gantry-ack $id"
  e=$( { printf '%s' "\${in%.}" | { (eval "\${c%.}") 2>&4 3>&- 4>&-; printf '\\000gantry-rc %s\\n' "$?" >&4; } | od -An -v -tx1 | sed 's/^/o/' >&3; } 4>&1 | od -An -v -tx1 )
  printf '%s\\n' "$e" | sed 's/^/e/'
  echo "gantry-done $id"
done`, READY = Buffer.from(`gantry-agent-ready 1
`), AGENT_UNUSABLE = 97, LINE_BYTES = 1024, SAFE = new Uint8Array(256);
for (let c of "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 ,./:=@_+") SAFE[c.charCodeAt(0)] = 1;
function printfLines(data) {
  let lines = [];
  for (let at = 0; at < data.length; at += LINE_BYTES) {
    let line = "";
    for (let b of data.subarray(at, at + LINE_BYTES)) line += SAFE[b] ? String.fromCharCode(b) : `\\${b.toString(8).padStart(3, "0")}`;
    lines.push(line);
  }
  return lines;
}
function frameRequest(id, command, input) {
  let c = printfLines(Buffer.from(command)), i = printfLines(input);
  return `${id} ${c.length} ${i.length}
${[...c, ...i].map((l) => `${l}
`).join("")}`;
}
var AgentLost = class extends Error {
  constructor(acked, stderr, exitCode, timedOut = !1) {
    super(timedOut ? "the remote shell did not answer in time" : `the remote shell stopped (exit ${exitCode ?? "by signal"})`);
    this.acked = acked;
    this.stderr = stderr;
    this.exitCode = exitCode;
    this.timedOut = timedOut;
  }
  acked;
  stderr;
  exitCode;
  timedOut;
  name = "AgentLost";
}, Agent = class {
  child;
  buf = Buffer.alloc(0);
  ready = !1;
  errTail = "";
  pending;
  nextId = 1;
  ended = !1;
  /** Settles when the process has exited. */
  exited;
  hasExited = !1;
  constructor(argv) {
    this.child = spawn3(argv[0], argv.slice(1), { stdio: ["pipe", "pipe", "pipe"] }), this.child.stdout.on("data", (d) => this.onData(d)), this.child.stderr.on("data", (d) => {
      this.errTail = (this.errTail + d.toString("utf8")).slice(-8192);
    }), this.child.stdin.on("error", () => {
    }), this.child.on("error", (e) => {
      this.errTail += `${e.message}
`, this.stop(null);
    }), this.exited = new Promise(
      (r) => this.child.on("close", (code) => {
        this.hasExited = !0, r(this.stop(code));
      })
    ), this.idle(!0);
  }
  /** An idle agent does not keep the deployer's process alive (the action's main must be able to end). */
  idle(yes) {
    let { child } = this;
    for (let h of [child, child.stdin, child.stdout, child.stderr]) yes ? h.unref() : h.ref();
  }
  request(command, input, timeoutMs) {
    return this.ended || this.pending ? Promise.reject(new AgentLost(!1, this.errTail, null)) : (this.idle(!1), new Promise((resolve4, reject) => {
      let id = this.nextId++, timer = setTimeout(() => this.kill(!0), timeoutMs);
      this.pending = { id, acked: !1, out: [], err: [], resolve: resolve4, reject, timer }, this.child.stdin.write(frameRequest(id, command, input));
    }));
  }
  /** Ends the agent; `timedOut`: its request is failed as a timeout. */
  kill(timedOut = !1) {
    this.settle(new AgentLost(this.pending?.acked ?? !1, this.errTail, null, timedOut)), this.ended = !0, this.child.kill("SIGTERM"), setTimeout(() => this.child.kill("SIGKILL"), 2e3).unref();
  }
  /** Lets the agent finish: it reads the end of its input after its current command, and exits. */
  close() {
    this.ended = !0, this.child.stdin.end();
  }
  stop(code) {
    this.ended = !0, this.settle(new AgentLost(this.pending?.acked ?? !1, this.errTail, code));
  }
  settle(result) {
    let p = this.pending;
    p && (this.pending = void 0, clearTimeout(p.timer), this.ended || this.idle(!0), result instanceof AgentLost ? p.reject(result) : p.resolve(result));
  }
  onData(d) {
    if (this.buf = this.buf.length ? Buffer.concat([this.buf, d]) : d, !this.ready) {
      let at = this.buf.indexOf(READY);
      if (at < 0) return;
      this.ready = !0, this.buf = this.buf.subarray(at + READY.length);
    }
    for (; ; ) {
      let nl = this.buf.indexOf(10);
      if (nl < 0) return;
      let line = this.buf.subarray(0, nl).toString("latin1");
      if (this.buf = this.buf.subarray(nl + 1), !this.onLine(line)) {
        this.errTail += `gantry-agent: unexpected output ${JSON.stringify(line.slice(0, 200))}
`, this.kill();
        return;
      }
    }
  }
  /** One line of the answer stream; false when it breaks the framing. */
  onLine(line) {
    let p = this.pending;
    if (!p) return !1;
    let tag = line[0];
    if (tag === "o" || tag === "e") {
      let hex = line.slice(1).replace(/ /g, "");
      return /^([0-9a-f]{2})*$/.test(hex) ? ((tag === "o" ? p.out : p.err).push(Buffer.from(hex, "hex")), !0) : !1;
    }
    let [word, id] = line.split(" ");
    if (id !== String(p.id)) return !1;
    if (word === "gantry-ack") p.acked = !0;
    else if (word === "gantry-done") {
      let err = Buffer.concat(p.err).toString("latin1"), m = /\0gantry-rc (\d+)\n$/.exec(err);
      if (!m) return !1;
      let stderr = Buffer.from(err.slice(0, m.index), "latin1").toString("utf8");
      this.settle({ code: Number(m[1]), stdout: Buffer.concat(p.out).toString("utf8"), stderr });
    } else return !1;
    return !0;
  }
}, AgentPool = class {
  constructor(argv, max = 4) {
    this.argv = argv;
    this.max = max;
  }
  argv;
  max;
  idle = [];
  all = /* @__PURE__ */ new Set();
  waiting = [];
  /** How many agents were started (each one is one remote login). */
  started = 0;
  async run(command, input, timeoutMs) {
    let agent = await this.acquire();
    try {
      return await agent.request(command, input, timeoutMs);
    } finally {
      this.release(agent);
    }
  }
  async acquire() {
    for (let a = this.idle.pop(); a; a = this.idle.pop()) {
      if (!a.ended) return a;
      this.all.delete(a);
    }
    return this.all.size < this.max ? this.spawn() : await new Promise((r) => this.waiting.push(r)) ?? this.spawn();
  }
  spawn() {
    let a = new Agent(this.argv());
    return this.all.add(a), this.started++, a;
  }
  release(agent) {
    let next = this.waiting.shift();
    agent.ended ? (this.all.delete(agent), next?.(void 0)) : next ? next(agent) : this.idle.push(agent);
  }
  /**
   * Ends every agent and waits until they have exited: idle ones at once, busy ones after their
   * command, or killed after `graceMs`.
   */
  async close(graceMs = 3e3) {
    let agents = [...this.all];
    this.all.clear(), this.idle.length = 0, await Promise.all(
      agents.map(async (a) => {
        a.close();
        let timer;
        await Promise.race([a.exited, new Promise((r) => timer = setTimeout(r, graceMs))]), clearTimeout(timer), a.hasExited || a.kill();
      })
    );
  }
};

// packages/deploy/src/ssh/argv.ts
import { join as join14 } from "node:path";
function hostKeyArgs(cfg) {
  if (cfg.insecure) return ["-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null"];
  if (!cfg.knownHostsFile) throw new GantryError("internal: no known-hosts file for an SSH connection, and host key checking is not switched off");
  return ["-o", "StrictHostKeyChecking=yes", "-o", `UserKnownHostsFile=${cfg.knownHostsFile}`];
}
function sshBaseArgs(spec, cfg) {
  let o = cfg.options, args = ["-F", "none", ...o.flatMap((x) => ["-o", x])], def = (name, value) => {
    optionValue(o, name) === void 0 && args.push("-o", `${name}=${value}`);
  };
  return def("ConnectTimeout", "15"), def("ServerAliveInterval", "15"), def("ServerAliveCountMax", "3"), args.push("-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-o", "GlobalKnownHostsFile=/dev/null", ...hostKeyArgs(cfg)), cfg.keyFile && args.push("-o", "IdentitiesOnly=yes", "-i", cfg.keyFile), args.push(
    "-o",
    "ControlMaster=auto",
    "-o",
    `ControlPath=${join14(cfg.controlDir, "%C")}`,
    "-o",
    `ControlPersist=${cfg.persistSeconds ?? 60}`,
    "-l",
    spec.user,
    "-p",
    String(spec.port)
  ), args;
}
function sshArgv(spec, cfg, use = {}) {
  let base = sshBaseArgs(spec, cfg);
  return [...use.ownConnection ? base.map(ownConnectionArg) : base, ...use.sshArgs ?? [], "--", spec.host, ...use.command ? [use.command] : []];
}
function ownConnectionArg(a) {
  return a.startsWith("ControlMaster=") ? "ControlMaster=no" : a.startsWith("ControlPath=") ? "ControlPath=none" : a === "LogLevel=ERROR" ? "LogLevel=INFO" : a;
}

// packages/deploy/src/ssh/shell.ts
function shQuote(word) {
  if (word.includes("\0")) throw new GantryError("internal: a remote argument holds a NUL byte");
  return /^[A-Za-z0-9_./:@%+=,-]+$/.test(word) && !word.startsWith("=") ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
function shCommand(argv) {
  if (argv.length === 0) throw new GantryError("internal: empty remote command");
  return argv.map(shQuote).join(" ");
}
function shScript(script, args = []) {
  return shCommand(["sh", "-c", script, "sh", ...args.map(String)]);
}

// packages/deploy/src/ssh/session.ts
var SshError = class extends GantryError {
  constructor(host, kind, message) {
    super(message);
    this.host = host;
    this.kind = kind;
  }
  host;
  kind;
  name = "SshError";
};
function classifySshFailure(stderr) {
  let line = (re) => stderr.split(`
`).find((l) => re.test(l))?.trim() ?? "";
  if (!/channel \d+: open failed|stdio forwarding failed|forwarding request failed|Port forwarding failed/.test(stderr)) {
    if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key for .* has changed/.test(stderr)) {
      let fp = /key sent by the remote host is\s*\n\s*(\S+?)\.?\s*$/m.exec(stderr)?.[1], type = /The fingerprint for the (\S+) key sent/.exec(stderr)?.[1];
      return { kind: "host-key-changed", detail: fp ? `${type ?? ""} ${fp}`.trim() : "" };
    }
    if (/No \S+ host key is known for|Host key verification failed/.test(stderr))
      return { kind: "host-key-unknown", detail: /No (\S+) host key is known/.exec(stderr)?.[1] ?? "" };
    if (/Permission denied \(|Too many authentication failures|no mutual signature algorithm/.test(stderr))
      return { kind: "auth", detail: line(/Permission denied|Too many|no mutual/) };
    if (/mux_client_|Control socket connect|master failed|ControlSocket .* already exists/.test(stderr))
      return { kind: "master-lost", detail: line(/mux_client_|Control socket|master/) };
    if (/Connection timed out|Connection refused|No route to host|Network is unreachable|Could not resolve hostname|Connection closed by|Connection reset|kex_exchange_identification|Broken pipe|Timeout, server .* not responding|banner exchange|Host is down/.test(
      stderr
    ))
      return { kind: "unreachable", detail: lastLines(stderr, 1).trim() };
  }
}
var COMMAND_TIMEOUT_MS = 6e4, AGENT_MAX_INPUT = 64 * 1024, SshSession = class {
  constructor(spec, cfg) {
    this.spec = spec;
    this.cfg = cfg;
  }
  spec;
  cfg;
  down;
  forwards = /* @__PURE__ */ new Map();
  forwardCount = 0;
  /** Set when the host cannot run the long-lived shell. */
  noAgent = !1;
  /** The host's long-lived shells; each started with one exec request (and one login shell). */
  agents = new AgentPool(() => ["ssh", ...sshArgv(this.spec, this.cfg, { command: shCommand(["exec", "sh", "-c", AGENT]) })]);
  get label() {
    return this.spec.label;
  }
  /** Why the host is considered lost for this run, if it is. */
  get unreachable() {
    return this.down;
  }
  /** The ssh options every command shares (argv.ts). */
  baseArgs() {
    return sshBaseArgs(this.spec, this.cfg);
  }
  /**
   * Runs one remote command line (built by shell.ts). Plain commands go through the host's
   * long-lived shell (agent.ts); ssh-level requests (-W, -O), a connection of its own, and large
   * stdin (an upload) take an exec channel of their own on the shared master.
   */
  async run(command, o = {}) {
    if (this.down) throw this.down;
    let input = typeof o.input == "string" ? Buffer.from(o.input) : o.input ?? Buffer.alloc(0);
    return this.noAgent || !command || o.sshArgs?.length || o.ownConnection || o.ownChannel || input.length > AGENT_MAX_INPUT || input.includes(0) ? this.runOwn(command, o) : this.runShared(command, input, o);
  }
  async runOwn(command, o) {
    let args = sshArgv(this.spec, this.cfg, { ownConnection: o.ownConnection, sshArgs: o.sshArgs, command });
    for (let attempt = 0; ; attempt++) {
      let r = await exec("ssh", args, { input: o.input ?? "", timeoutMs: o.timeoutMs ?? COMMAND_TIMEOUT_MS, allowFailure: !0 });
      if (r.timedOut) throw this.timeout(o);
      if (r.code === 0 || r.code !== 255 && o.allowFailure) return r;
      let failure = r.code === 255 ? classifySshFailure(r.stderr) : void 0;
      if (!(failure?.kind === "master-lost" && attempt === 0)) {
        if (failure) throw await this.failure(failure.kind, failure.detail);
        if (o.allowFailure) return r;
        throw this.commandFailed(o, r.code, r.stderr || r.stdout);
      }
    }
  }
  /** One command through the host's long-lived shell: no login shell started per command (issue 10). */
  async runShared(command, input, o) {
    let started = performance.now();
    for (let attempt = 0; ; attempt++) {
      let r;
      try {
        r = await this.agents.run(command, input, o.timeoutMs ?? COMMAND_TIMEOUT_MS);
      } catch (err) {
        if (!(err instanceof AgentLost)) throw err;
        if (err.timedOut) throw this.timeout(o);
        let failure = classifySshFailure(err.stderr);
        if (failure && failure.kind !== "master-lost") throw await this.failure(failure.kind, failure.detail);
        if (!err.acked && err.exitCode === AGENT_UNUSABLE)
          return this.noAgent = !0, this.runOwn(command, o);
        if (!err.acked && attempt === 0) continue;
        throw await this.lostDuring(o, err);
      }
      let result = { command: ["ssh", this.label, command], code: r.code, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: !1 };
      if (r.code === 0 || o.allowFailure) return { ...result, durationMs: performance.now() - started };
      throw this.commandFailed(o, r.code, r.stderr || r.stdout);
    }
  }
  /** The shell stopped while a command ran: an unreachable host says so; otherwise the command's outcome is unknown. */
  async lostDuring(o, err) {
    await this.runOwn("true", { what: "reconnecting", timeoutMs: 3e4 });
    let why = lastLines(err.stderr, 2).trim();
    return new GantryError(
      `${this.label}: the remote shell stopped while ${o.what ?? "running a command"}${why ? ` (${why})` : ""}; it may or may not have finished`
    );
  }
  timeout(o) {
    return new GantryError(`${this.label}: ${o.what ?? "a command"} did not finish within ${Math.round((o.timeoutMs ?? COMMAND_TIMEOUT_MS) / 1e3)} s`);
  }
  commandFailed(o, code, text) {
    let tail = lastLines(text, 5);
    return new GantryError(`${this.label}: ${o.what ?? "a command"} failed (exit ${code})${tail ? `: ${tail}` : ""}`);
  }
  async failure(kind, detail) {
    let { label } = this;
    if (kind === "host-key-changed")
      return new SshError(
        label,
        kind,
        `${label}: the host key does not match known-hosts: the host offered ${detail || "a different key"}. If the server was reinstalled, update known-hosts; otherwise someone may be intercepting the connection. Nothing was changed on it.`
      );
    if (kind === "host-key-unknown") {
      let offered = await this.offeredKeys(detail);
      return new SshError(
        label,
        kind,
        `${label}: no key for this host in known-hosts${offered ? `; it offers ${offered}` : ""}. Check the fingerprint with the server's owner, then add its line (ssh-keyscan -p ${this.spec.port} ${this.spec.host}) to known-hosts. Nothing was changed on it.`
      );
    }
    return kind === "auth" ? (detail = detail.replace(/^\S+@\S+: /, "").replace(/\.$/, ""), new SshError(
      label,
      kind,
      `${label}: the server refused the key (${detail}); add the public key of ssh-key to ~${this.spec.user}/.ssh/authorized_keys there. Nothing was changed on it.`
    )) : (this.down = new SshError(label, "unreachable", `${label} is unreachable: ${detail || "the connection failed"}`), this.down);
  }
  /** The fingerprints the host offers, from ssh-keyscan (only to explain a host key failure). */
  async offeredKeys(type) {
    try {
      let t = type.toLowerCase(), scan = await exec("ssh-keyscan", ["-T", "5", "-p", String(this.spec.port), ...t ? ["-t", t] : [], "--", this.spec.host], {
        timeoutMs: 1e4,
        allowFailure: !0
      });
      return scan.stdout.trim() ? (await exec("ssh-keygen", ["-l", "-f", "-"], { input: scan.stdout, timeoutMs: 1e4, allowFailure: !0 })).stdout.trim().split(`
`).map((l) => {
        let [, hash, , kind] = l.split(/\s+/);
        return `${kind?.replace(/[()]/g, "") ?? ""} ${hash ?? ""}`.trim();
      }).filter(Boolean).join(", ") : "";
    } catch {
      return "";
    }
  }
  /**
   * A local unix socket forwarded through the master to a socket on the host (stream-local
   * forwarding, OpenSSH ≥ 6.7): one request to HAProxy's admin socket costs a channel on the
   * open connection, no process on either side, and nothing needs to be installed on the host.
   */
  async forwardSocket(remotePath) {
    let known = this.forwards.get(remotePath);
    if (known) return known;
    await this.run("true", { what: "opening the connection" });
    let id = sha256(`${this.label}
${remotePath}
${process.pid}
${this.forwardCount++}`).slice(0, 16), local = join15(this.cfg.controlDir, `fwd-${id}.sock`);
    return await rm4(local, { force: !0 }), await this.run("", { sshArgs: ["-O", "forward", "-L", `${local}:${remotePath}`], what: `forwarding ${remotePath}` }), this.forwards.set(remotePath, local), local;
  }
  /** Forgets a forward whose local socket stopped answering (its master was replaced). */
  dropForward(remotePath) {
    this.forwards.delete(remotePath);
  }
  /** Ends the host's long-lived shells; the master stays (for the post step). */
  closeShells() {
    return this.agents.close();
  }
  /**
   * Closes the master connection (the post step; also at the end of a CLI run) and waits for it
   * to exit: `ssh -O exit` answers before the master has gone, and the post step then removes
   * the folder holding its socket.
   */
  async close() {
    this.forwards.clear(), await this.closeShells();
    let check = await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "check"] }), { timeoutMs: 1e4, allowFailure: !0 }), pid = Number(/\(pid=(\d+)\)/.exec(check.stderr)?.[1]);
    await exec("ssh", sshArgv(this.spec, this.cfg, { sshArgs: ["-O", "exit"] }), { timeoutMs: 1e4, allowFailure: !0 });
    for (let until = Date.now() + 5e3; pid && Date.now() < until && (await localProcessInfo(pid)).state === "running"; )
      await new Promise((r) => setTimeout(r, 50));
  }
};

// packages/deploy/src/ssh/sshhost.ts
import { readFile as readFile5, stat as stat3 } from "node:fs/promises";
import { hostname as hostname2 } from "node:os";

// packages/deploy/src/ssh/scripts.ts
var PROBE = `uname -s; uname -m; id -un
for c in curl wget socat setsid nohup sha256sum shasum openssl ps ss "$@"; do command -v "$c" >/dev/null 2>&1 && printf '%s\\n' "has $c"; done
[ -r /proc/self/stat ] && echo "has /proc"
exit 0`, READ = '[ -f "$1" ] || exit 3; cat -- "$1"', READ_FROM = '[ -f "$1" ] || exit 3; wc -c < "$1"; tail -c +$(($2 + 1)) "$1" | head -c "$3"', SIZE = '[ -f "$1" ] || exit 3; wc -c < "$1"', NEW_TEMP = (v) => `${v}=$(mktemp "$1.tmp-XXXXXX" 2>/dev/null) || { ${v}="$1.tmp-$$"; rm -f -- "$${v}"; set -C; : > "$${v}" || exit 1; set +C; }`, WRITE = `umask 022; mkdir -p -- "$(dirname -- "$1")" || exit 1
umask 077; ${NEW_TEMP("t")}
if cat > "$t" && chmod "$2" "$t" && mv -f -- "$t" "$1"; then exit 0; fi
rm -f -- "$t"; exit 1`, RENAME = `if [ -d "$2" ] && [ ! -L "$2" ]; then rmdir -- "$2" 2>/dev/null || { echo "$2 exists and is not empty" >&2; exit 1; }; fi
mv -f -- "$1" "$2"`, MKDIRP = 'mkdir -p -- "$1" && chmod "$2" "$1"', REMOVE = 'rm -rf -- "$1"', LIST = '[ -d "$1" ] || exit 0; ls -A -- "$1"', EXISTS = '[ -e "$1" ] || [ -L "$1" ] || exit 3', SHA = `if command -v sha256sum >/dev/null 2>&1; then sha256sum < "$F"
elif command -v shasum >/dev/null 2>&1; then shasum -a 256 < "$F"
else openssl dgst -sha256 -r < "$F"; fi`, SHA256 = `[ -f "$1" ] || exit 3; F=$1; ${SHA}`, UPLOAD = `umask 022; d=$(dirname -- "$1"); mkdir -p -- "$d" || exit 1
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -n "$avail" ] && [ "$avail" -lt "$3" ]; then echo "only $avail KiB free in $d, $3 KiB needed" >&2; exit 28; fi
umask 077; ${NEW_TEMP("F")}
if ! { cat > "$F" && chmod "$2" "$F"; }; then rm -f -- "$F"; exit 1; fi
${SHA} || { rm -f -- "$F"; exit 1; }
mv -f -- "$F" "$1"`;
function spawnScript(wrapper) {
  return `log=$1 pidf=$2 dir=$3; shift 3
umask 022; mkdir -p -- "$(dirname -- "$log")" "$(dirname -- "$pidf")" || exit 1
[ -L "$log" ] && rm -f -- "$log"; (umask 027; : >> "$log") && chmod 640 "$log" || exit 1
rm -f -- "$pidf"; cd -- "$dir" || exit 1
launch=$(command -v setsid || command -v nohup) || { echo "neither setsid nor nohup is installed" >&2; exit 1; }
exec 3<&0
env -i /bin/sh -c 'while IFS= read -r l <&3; do export "$l" || exit 97; done; exec 3<&-; exec "$@"' sh "$launch" /bin/sh -c ${`'${wrapper.replace(/'/g, "'\\''")}'`} "$pidf" "$@" >> "$log" 2>&1 &
exec 3<&-
i=0; while [ ! -s "$pidf" ] && [ $i -lt 250 ]; do sleep 0.02 2>/dev/null || sleep 1; i=$((i + 1)); done
cat -- "$pidf" 2>/dev/null || echo $!`;
}
var PROCESS = `if [ -d /proc/self ]; then
  s=$(cat "/proc/$1/stat" 2>/dev/null) || { echo gone; exit 0; }
  s=\${s##*) }; echo "proc \${s%% *}"; tr '\\0' '\\n' < "/proc/$1/cmdline" 2>/dev/null; exit 0
fi
p=$(ps -o stat= -o args= -p "$1" 2>/dev/null) && [ -n "$p" ] && echo "ps $p" || echo gone`, SIGNAL = 'kill -s "$2" "$1" 2>/dev/null || ! kill -0 "$1" 2>/dev/null', LISTENING = "if [ -r /proc/net/tcp ]; then echo proc; cat /proc/net/tcp /proc/net/tcp6 2>/dev/null; else echo ss; ss -Hltn; fi", HTTP_PROBE = `if [ "$3" = curl ]; then
  out=$(curl -g -sS -o /dev/null -A gantry-deploy --max-time "$2" -w '\\ngantry-code %{http_code} %{time_total}\\n' "$1" 2>&1)
  res=$(printf '%s\\n' "$out" | sed -n 's/^gantry-code //p' | tail -n 1)
  case $res in
    000*|'') echo "error $(printf '%s\\n' "$out" | grep -v '^gantry-code' | grep . | head -n 1)" ;;
    *) echo "code $res" ;;
  esac
  exit 0
fi
out=$(wget -q -S -O /dev/null -U gantry-deploy -T "$2" "$1" 2>&1)
code=$(printf '%s\\n' "$out" | sed -n 's/^ *HTTP\\/[0-9.]* \\([0-9][0-9][0-9]\\).*/\\1/p' | tail -n 1)
if [ -n "$code" ]; then echo "code $code"; else echo "error $(printf '%s\\n' "$out" | grep . | tail -n 1)"; fi`, FREE = `d=$1; while [ ! -d "$d" ]; do d=$(dirname -- "$d"); done
avail=$(df -Pk -- "$d" 2>/dev/null | awk 'NR == 2 { print $4 }')
if [ -w "$d" ]; then w=writable; else w=read-only; fi
echo "\${avail:-unknown} $w $d"`, SOCKET_CHECK = '[ -S "$1" ] || { echo missing; exit 0; }; [ -w "$1" ] || { echo denied; exit 0; }; echo ok', SOCAT = 'exec socat -t "$2" - "UNIX-CONNECT:$1"', ARCH = {
  x86_64: { arch: "amd64", variant: "" },
  amd64: { arch: "amd64", variant: "" },
  aarch64: { arch: "arm64", variant: "" },
  arm64: { arch: "arm64", variant: "" },
  armv7l: { arch: "arm", variant: "v7" },
  armv6l: { arch: "arm", variant: "v6" },
  i686: { arch: "386", variant: "" },
  i386: { arch: "386", variant: "" },
  riscv64: { arch: "riscv64", variant: "" },
  ppc64le: { arch: "ppc64le", variant: "" },
  s390x: { arch: "s390x", variant: "" }
};
function parseProbe(text) {
  let [os = "", machine = "", user = "", ...rest] = text.trim().split(`
`), a = ARCH[machine.trim()] ?? { arch: machine.trim(), variant: "" };
  return {
    platform: { os: os.trim().toLowerCase(), ...a },
    user: user.trim(),
    has: new Set(rest.filter((l) => l.startsWith("has ")).map((l) => l.slice(4).trim()))
  };
}
function parseProcess(text) {
  let [head = "", ...words] = text.replace(/\n+$/, "").split(`
`);
  if (head.startsWith("proc ")) {
    let st = head.slice(5).trim();
    return { state: st === "Z" || st === "X" ? "zombie" : "running", command: words.filter(Boolean).join(" ") };
  }
  if (head.startsWith("ps ")) {
    let [stat5 = "", ...args] = head.slice(3).trim().split(/\s+/);
    return { state: stat5.startsWith("Z") ? "zombie" : "running", command: args.join(" ") };
  }
  return { state: "gone" };
}
function isListening(text, port) {
  let [kind, ...lines] = text.split(`
`);
  if (kind === "ss") return lines.some((l) => new RegExp(`:${port}\\s`).test(`${l.trim().split(/\s+/)[3] ?? ""} `));
  let hex = port.toString(16).toUpperCase().padStart(4, "0");
  return lines.some((l) => {
    let f = l.trim().split(/\s+/);
    return f[1]?.endsWith(`:${hex}`) === !0 && f[3] === "0A";
  });
}
function parseHttpProbe(text) {
  let line = text.trim().split(`
`)[0] ?? "", m = /^code (\d{3})(?: ([\d.]+))?/.exec(line);
  return m ? { status: Number(m[1]), ...m[2] ? { ms: Number(m[2]) * 1e3 } : {} } : { error: line.replace(/^error\s*/, "").replace(/^curl: \(\d+\)\s*/, "") || "no answer" };
}
function parseSha(text) {
  return /^([0-9a-f]{64})\b/.exec(text.trim())?.[1];
}

// packages/deploy/src/ssh/loopback.ts
import net2 from "node:net";
var Loopback = class {
  constructor(h) {
    this.h = h;
  }
  h;
  /**
   * How socket requests travel: a stream-local forward of the shared connection (nothing to
   * install on the host, no process per request), or socat on the host where its sshd refuses
   * forwarding (see checkSocket).
   */
  socketVia = "forward";
  checkedSockets = /* @__PURE__ */ new Set();
  get name() {
    return this.h.name;
  }
  /** One GET to http://127.0.0.1:port/path, made on the host. */
  async httpGet(port, path2, timeoutMs) {
    let started = performance.now(), ms = () => performance.now() - started, method = await this.h.probeMethod();
    if (method === "channel") return this.channelGet(port, path2, timeoutMs, started);
    let url = `http://127.0.0.1:${port}${path2}`, seconds = Math.max(1, Math.ceil(timeoutMs / 1e3)), r = await this.h.runScript(HTTP_PROBE, [url, seconds, method], `probing ${url}`, { timeoutMs: timeoutMs + 15e3 });
    r.code !== 0 && this.h.fail(`probing ${url} with ${method}`, r);
    let p = parseHttpProbe(r.stdout);
    return "error" in p ? { ok: !1, status: 0, ms: ms(), error: p.error } : { ok: p.status >= 200 && p.status < 300, status: p.status, ms: p.ms ?? ms() };
  }
  /** One GET through a direct-tcpip channel (`ssh -W`): sshd connects to the host's loopback; nothing runs there. */
  async channelGet(port, path2, timeoutMs, started) {
    let request = `GET ${path2} HTTP/1.0\r
Host: 127.0.0.1:${port}\r
User-Agent: gantry-deploy\r
Connection: close\r
\r
`;
    try {
      let r = await this.h.session.run("", {
        sshArgs: ["-W", `127.0.0.1:${port}`],
        input: request,
        timeoutMs,
        allowFailure: !0,
        what: `probing port ${port}`
      }), status = Number(/^HTTP\/\d(?:\.\d)? (\d{3})/.exec(r.stdout)?.[1] ?? 0), ms = performance.now() - started;
      return status ? { ok: status >= 200 && status < 300, status, ms } : { ok: !1, status: 0, ms, error: r.stderr.trim().split(`
`)[0] || "no HTTP answer" };
    } catch (err) {
      if (err instanceof SshError && err.kind === "unreachable") throw err;
      return { ok: !1, status: 0, ms: performance.now() - started, error: err.message };
    }
  }
  /**
   * One exchange on a unix socket on the host (HAProxy's runtime API). An empty answer is normal
   * for `set` commands; the first one per socket is checked to tell a missing socket apart.
   */
  async socketRequest(socketPath, text, timeoutMs) {
    let line = text.endsWith(`
`) ? text : `${text}
`;
    if (this.socketVia === "socat") {
      let r = await this.h.runScript(SOCAT, [socketPath, Math.max(1, Math.ceil(timeoutMs / 1e3))], `talking to ${socketPath}`, {
        input: line,
        timeoutMs: timeoutMs + 1e4
      });
      return r.code !== 0 && this.h.fail(`talking to ${socketPath} with socat`, r), r.stdout;
    }
    for (let attempt = 0; ; attempt++) {
      let local;
      try {
        local = await this.h.session.forwardSocket(socketPath);
      } catch (err) {
        if (err instanceof SshError || !(await this.h.probe()).has.has("socat")) throw err;
        return this.socketVia = "socat", this.socketRequest(socketPath, text, timeoutMs);
      }
      try {
        let answer = await localExchange(local, line, timeoutMs);
        return answer === "" && await this.explainEmpty(socketPath), answer;
      } catch (err) {
        let code = err.code;
        if ((code === "ENOENT" || code === "ECONNREFUSED" || code === "ECONNRESET" || code === "EPIPE") && attempt === 0) {
          this.h.session.dropForward(socketPath);
          continue;
        }
        if (code === "ECONNRESET" || code === "EPIPE") {
          if (await this.explainEmpty(socketPath, !0), (await this.h.probe()).has.has("socat"))
            return this.socketVia = "socat", this.socketRequest(socketPath, text, timeoutMs);
          throw new GantryError(this.refused(socketPath));
        }
        throw new GantryError(`${this.name}: ${socketPath}: ${code ?? err.message}`);
      }
    }
  }
  /**
   * Checks the socket answers `request` with something (HAProxy: `show cli level`). An empty
   * answer from a socket that exists means the host's sshd refused the forward: socat on the
   * host takes over when it is there; otherwise the error says what to change.
   */
  async checkSocket(socketPath, request) {
    let answer = await this.socketRequest(socketPath, request, 5e3);
    if (answer.trim() || this.socketVia === "socat") return answer;
    if ((await this.h.probe()).has.has("socat"))
      return this.socketVia = "socat", this.socketRequest(socketPath, request, 5e3);
    throw new GantryError(this.refused(socketPath));
  }
  refused(socketPath) {
    return `${this.name}: ${socketPath} cannot be reached through the SSH connection: its sshd seems to refuse stream-local forwarding and there is no socat on the host; set \`AllowStreamLocalForwarding yes\` for the deploy user or install socat`;
  }
  /** Throws a clear error when the socket is missing or not writable for the user; `always` checks even a socket checked before. */
  async explainEmpty(socketPath, always = !1) {
    if (this.checkedSockets.has(socketPath) && !always) return;
    let state = (await this.h.runScript(SOCKET_CHECK, [socketPath], `looking at ${socketPath}`)).stdout.trim(), user = (await this.h.probe()).user;
    if (state === "missing")
      throw new GantryError(`${this.name}: there is no socket at ${socketPath} (is HAProxy running with \`stats socket ${socketPath} level admin\`?)`);
    if (state === "denied")
      throw new GantryError(
        `${this.name}: user ${user} may not write to ${socketPath} (give its group to the deploy user, or \`stats socket … mode 660 group …\`)`
      );
    this.checkedSockets.add(socketPath);
  }
};
function localExchange(path2, text, timeoutMs) {
  return new Promise((res, rej) => {
    let sock = net2.connect(path2), out = "", timer = setTimeout(() => sock.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: "ETIMEDOUT" })), timeoutMs);
    sock.setEncoding("utf8"), sock.on("connect", () => sock.end(text)), sock.on("data", (d) => out += d), sock.on("close", () => {
      clearTimeout(timer), res(out);
    }), sock.on("error", (e) => {
      clearTimeout(timer), rej(e);
    });
  });
}

// packages/deploy/src/ssh/sshhost.ts
var ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/, octal = (mode) => (mode & 4095).toString(8), SshHost = class {
  constructor(session, o = {}) {
    this.session = session;
    this.o = o;
  }
  session;
  o;
  facts;
  loopback = new Loopback(this);
  get name() {
    return this.session.label;
  }
  /** Runs one of scripts.ts's constant scripts with its values; the caller reads the exit code. */
  async runScript(script, args, what, o = {}) {
    return this.session.run(shScript(script, args), { ...o, what, allowFailure: !0 });
  }
  /** Throws the failure of a script, naming the host and what it was doing. */
  fail(what, r) {
    let detail = (r.stderr || r.stdout).trim().split(`
`).slice(-3).join(" / ");
    throw new GantryError(`${this.name}: ${what} failed (exit ${r.code})${detail ? `: ${detail}` : ""}`);
  }
  /** What the host has (connects on first use: the host key and the key are checked here). */
  async probe() {
    if (!this.facts) {
      let r = await this.runScript(PROBE, this.o.needs ?? [], "looking at the host");
      r.code !== 0 && this.fail("looking at the host", r), this.facts = parseProbe(r.stdout);
    }
    return this.facts;
  }
  async platform() {
    return (await this.probe()).platform;
  }
  /** The way health probes are made on this host. */
  async probeMethod() {
    if (this.o.probe) return this.o.probe;
    let { has } = await this.probe();
    return has.has("curl") ? "curl" : has.has("wget") ? "wget" : "channel";
  }
  /** Free space (KiB) where a folder is or would be created, and whether the user may create it. */
  async freeSpace(dir) {
    let r = await this.runScript(FREE, [dir], `looking at the free space for ${dir}`);
    r.code !== 0 && this.fail(`looking at the free space for ${dir}`, r);
    let [kib = "", w = "", ...at] = r.stdout.trim().split(" ");
    return { kib: /^\d+$/.test(kib) ? Number(kib) : void 0, writable: w === "writable", at: at.join(" ") };
  }
  /** Whether the host's sshd opens direct-tcpip channels (AllowTcpForwarding), for probes on a host without curl or wget. */
  async channelAllowed(port) {
    let r = await this.session.run("", {
      sshArgs: ["-W", `127.0.0.1:${port}`],
      input: "",
      timeoutMs: 2e4,
      allowFailure: !0,
      ownConnection: !0,
      what: "opening a channel"
    });
    return !/administratively prohibited/.test(r.stderr);
  }
  async exec(argv, o = {}) {
    let r = await this.session.run(shCommand(argv), { input: o.input, timeoutMs: o.timeoutMs, allowFailure: !0, what: `\`${argv.join(" ")}\`` }), result = { ...r, command: ["ssh", this.name, ...argv] };
    return r.code !== 0 && !o.allowFailure && this.fail(`\`${argv.join(" ")}\``, result), result;
  }
  async readFile(path2) {
    let r = await this.runScript(READ, [path2], `reading ${path2}`);
    if (r.code !== 3)
      return r.code !== 0 && this.fail(`reading ${path2}`, r), r.stdout;
  }
  async readFrom(path2, offset, maxBytes) {
    let r = await this.runScript(READ_FROM, [path2, Math.max(0, Math.floor(offset)), Math.max(0, Math.floor(maxBytes))], `reading ${path2}`);
    if (r.code === 3) return;
    r.code !== 0 && this.fail(`reading ${path2}`, r);
    let nl = r.stdout.indexOf(`
`);
    return { size: Number(r.stdout.slice(0, nl).trim()), text: r.stdout.slice(nl + 1) };
  }
  async fileSize(path2) {
    let r = await this.runScript(SIZE, [path2], `reading the size of ${path2}`);
    if (r.code !== 3)
      return r.code !== 0 && this.fail(`reading the size of ${path2}`, r), Number(r.stdout.trim());
  }
  async writeFile(path2, data, mode = 420) {
    let r = await this.runScript(WRITE, [path2, octal(mode)], `writing ${path2}`, { input: data });
    r.code !== 0 && this.fail(`writing ${path2}`, r);
  }
  async rename(from, to) {
    let r = await this.runScript(RENAME, [from, to], `renaming ${from}`);
    r.code !== 0 && this.fail(`renaming ${from} to ${to}`, r);
  }
  async mkdirp(path2, mode = 493) {
    let r = await this.runScript(MKDIRP, [path2, octal(mode)], `creating ${path2}`);
    r.code !== 0 && this.fail(`creating ${path2}`, r);
  }
  async remove(path2) {
    let r = await this.runScript(REMOVE, [path2], `removing ${path2}`);
    r.code !== 0 && this.fail(`removing ${path2}`, r);
  }
  async list(dir) {
    let r = await this.runScript(LIST, [dir], `listing ${dir}`);
    return r.code !== 0 && this.fail(`listing ${dir}`, r), r.stdout.split(`
`).filter(Boolean);
  }
  async exists(path2) {
    let r = await this.runScript(EXISTS, [path2], `looking for ${path2}`);
    return r.code !== 0 && r.code !== 3 && this.fail(`looking for ${path2}`, r), r.code === 0;
  }
  async sha256(path2) {
    let r = await this.runScript(SHA256, [path2], `hashing ${path2}`);
    if (r.code === 3) return;
    let sha = parseSha(r.stdout);
    return (r.code !== 0 || !sha) && this.fail(`hashing ${path2} (needs sha256sum, shasum or openssl)`, r), sha;
  }
  /** Streams the file over the connection after checking the free space; returns the sha256 computed on the host. */
  async upload(localPath, hostPath, mode) {
    let size = (await stat3(localPath)).size, needKiB = Math.ceil(size * 1.1 / 1024) + 1024, r = await this.runScript(UPLOAD, [hostPath, octal(mode), needKiB], `uploading ${formatBytes(size)} to ${hostPath}`, {
      input: await readFile5(localPath),
      timeoutMs: 6e5,
      // A release is megabytes: streamed on an exec channel of its own, not through the host's shell.
      ownChannel: !0
    });
    if (r.code === 28 || /No space left on device/.test(r.stderr))
      throw new GantryError(
        `${this.name}: the disk is full: ${r.stderr.trim().split(`
`).pop()} (the release is ${formatBytes(size)}); free space in state-dir, or lower keep-releases. Nothing was changed on it.`
      );
    let sha = parseSha(r.stdout);
    return (r.code !== 0 || !sha) && this.fail(`uploading to ${hostPath} (needs sha256sum, shasum or openssl)`, r), sha;
  }
  async spawnDetached(spec) {
    let lines = Object.entries(spec.env).map(([k, v]) => {
      if (!ENV_NAME.test(k) || /[\0\r\n]/.test(v))
        throw new GantryError(`the environment variable ${JSON.stringify(k)} cannot be passed to ${this.name} (one line, a valid name)`);
      return `${k}=${v}
`;
    }), what = `starting ${spec.argv[0]}`, r = await this.runScript(spawnScript(PIDFILE_WRAPPER), [spec.logFile, spec.pidFile, spec.cwd, ...spec.argv], what, { input: lines.join("") }), pid = Number(r.stdout.trim());
    return (r.code !== 0 || !Number.isInteger(pid) || pid <= 1) && this.fail(what, r), pid;
  }
  async processInfo(pid) {
    if (!Number.isInteger(pid) || pid <= 1) return { state: "gone" };
    let r = await this.runScript(PROCESS, [pid], `looking at process ${pid}`);
    return r.code !== 0 && this.fail(`looking at process ${pid}`, r), parseProcess(r.stdout);
  }
  async signal(pid, signal) {
    if (!Number.isInteger(pid) || pid <= 1) return;
    let r = await this.runScript(SIGNAL, [pid, signal.slice(3)], `sending ${signal} to ${pid}`);
    r.code !== 0 && this.fail(`sending ${signal} to process ${pid}`, r);
  }
  async portFree(port) {
    let r = await this.runScript(LISTENING, [], "listing listening ports");
    return r.code !== 0 && this.fail("listing listening ports (needs /proc or ss)", r), !isListening(r.stdout, port);
  }
  httpGet(port, path2, timeoutMs) {
    return this.loopback.httpGet(port, path2, timeoutMs);
  }
  socketRequest(socketPath, text, timeoutMs) {
    return this.loopback.socketRequest(socketPath, text, timeoutMs);
  }
  /** See Loopback.checkSocket (HAProxy's preflight through the SSH connection). */
  checkSocket(socketPath, request) {
    return this.loopback.checkSocket(socketPath, request);
  }
  deployer() {
    return { machine: hostname2(), pid: process.pid };
  }
};

// packages/deploy/src/ssh/connect.ts
var CONTROL_ROOT_MAX = 31;
async function privateDir() {
  let root = tmpdir().length <= CONTROL_ROOT_MAX ? tmpdir() : "/tmp";
  return mkdtemp(join16(root, "gantry-ssh-"));
}
async function openConnections(r, reporter, needs = []) {
  let dir = await privateDir();
  try {
    let config = { controlDir: dir, insecure: r.insecure, options: r.sshOptions };
    if (r.sshKey && (config.keyFile = await writePrivateFile(dir, "key", r.sshKey), await verifyKeyFile(config.keyFile)), r.knownHosts) {
      let text;
      if ("path" in r.knownHosts) {
        let path2 = r.knownHosts.path;
        text = await readFile6(path2, "utf8").catch(() => {
          throw new InputError("known-hosts", path2, "no such file; give known_hosts lines or the path of a known_hosts file");
        });
      } else text = r.knownHosts.text;
      checkKnownHosts(text), config.knownHostsFile = await writePrivateFile(dir, "known_hosts", text.endsWith(`
`) ? text : `${text}
`);
    }
    return r.insecure && reporter.warning(
      "ssh-insecure-skip-host-key-check is on: host keys are not checked, so anyone on the network path could pose as these hosts. Use it only for throwaway test hosts."
    ), { hosts: r.hosts.map((h) => new SshHost(new SshSession(h, config), { needs })), saved: { dir, config, hosts: r.hosts } };
  } catch (err) {
    throw await rm5(dir, { recursive: !0, force: !0 }), err;
  }
}
function savedConnections(text) {
  if (text)
    try {
      let v = JSON.parse(text);
      return typeof v.dir == "string" && v.dir.includes("gantry-ssh-") && v.config && Array.isArray(v.hosts) ? v : void 0;
    } catch {
      return;
    }
}
async function closeConnections(saved, live = []) {
  if (!saved.dir.includes("gantry-ssh-")) throw new GantryError(`internal: refusing to remove ${saved.dir}`);
  await Promise.all(live.map((h) => h.session.closeShells?.())), await Promise.all(saved.hosts.map((h) => new SshSession(h, saved.config).close())), await rm5(saved.dir, { recursive: !0, force: !0 });
}

// packages/deploy/src/ssh/fleet.ts
function waves(items, canaryHosts) {
  return canaryHosts <= 0 || canaryHosts >= items.length ? [items.slice()] : [items.slice(0, canaryHosts), items.slice(canaryHosts)];
}
async function runFleet(tasks, plan, reporter, signal) {
  let outcomes = /* @__PURE__ */ new Map(), held = [], controllers = /* @__PURE__ */ new Map(), failure, fail = (host, reason) => {
    if (!failure) {
      failure = { host, reason }, reporter.warning(`rollout stopped: ${host}: ${reason}`);
      for (let [h, c] of controllers) h !== host && c.abort(`${host} failed`);
    }
  }, onCancel = () => fail("deployer", `cancelled (${signal?.reason ?? "signal"})`);
  signal?.addEventListener("abort", onCancel, { once: !0 });
  let start = async (task) => {
    let controller = new AbortController();
    controllers.set(task.host, controller);
    let reached, holding = new Promise((r) => reached = () => r("held")), release, decision = new Promise((r) => release = r), hold = () => failure ? Promise.resolve(`rolled back because ${failure.host} failed: ${failure.reason}`) : (reached(), decision), done = task.run(hold, controller.signal).catch((err) => ({ host: task.host, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) })), first = await Promise.race([holding, done]);
    if (first === "held") {
      held.push({ host: task.host, release, done }), reporter.info(`${task.host}: switched and verified; holding the old version warm until the other hosts pass`);
      return;
    }
    outcomes.set(task.host, first), controllers.delete(task.host), first.outcome !== "promoted" && fail(task.host, first.reason ?? first.outcome);
  }, concurrency = plan.rollout === "serial" ? 1 : Math.max(1, plan.maxParallel);
  for (let wave of waves(tasks, plan.canaryHosts)) {
    let queue = [...wave], workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let t = queue.shift(); t && !failure; t = queue.shift()) await start(t);
    });
    if (await Promise.all(workers), failure) break;
  }
  if (signal?.removeEventListener("abort", onCancel), failure) {
    let reason = `rolled back because ${failure.host} failed: ${failure.reason}`;
    for (let h of [...held].reverse())
      h.release(reason), outcomes.set(h.host, await h.done);
  } else {
    for (let h of held) h.release(void 0);
    for (let h of held) outcomes.set(h.host, await h.done);
  }
  return {
    hosts: tasks.map(
      (t) => outcomes.get(t.host) ?? {
        host: t.host,
        outcome: "skipped",
        activeColor: "",
        version: "",
        reason: failure ? `not started: ${failure.host} failed first` : "not started"
      }
    ),
    failure
  };
}
function fleetOutcome(r) {
  return r.hosts.every((h) => h.outcome === "promoted") ? "promoted" : r.hosts.every((h) => h.outcome === "rolled-back" || h.outcome === "skipped") ? "rolled-back" : "failed";
}

// packages/deploy/src/ssh/preflight.ts
import { stat as stat4 } from "node:fs/promises";
function routerNeeds(r) {
  return r.kind !== "nginx" ? [] : [.../* @__PURE__ */ new Set([r.reloadCommand[0], nginxTestCommand(r.reloadCommand)[0]])];
}
var TOOLS = [
  { any: ["sha256sum", "shasum", "openssl"], why: "to check the uploaded binary's sha256" },
  { any: ["setsid", "nohup"], why: "to start the service so it outlives the SSH session" },
  { any: ["/proc", "ps"], why: "to watch the service's process" },
  { any: ["/proc", "ss"], why: "to see which ports are in use" }
];
async function preflightHost(host, inputs, app) {
  let problems = [], facts = await host.probe();
  for (let t of TOOLS) t.any.some((c) => facts.has.has(c)) || problems.push(`none of ${t.any.join(", ")} is installed (needed ${t.why})`);
  for (let c of routerNeeds(inputs.router)) facts.has.has(c) || problems.push(`\`${c}\` is not installed, and nginx-reload-command needs it`);
  await host.probeMethod() === "channel" && !await host.channelAllowed(inputs.ports.blue) && problems.push(
    "it has neither curl nor wget and its sshd refuses TCP forwarding, so nothing can probe the service's health there; install curl or allow forwarding"
  );
  let artifact;
  if (inputs.command === "deploy")
    try {
      artifact = await resolveArtifact(inputs.artifact, inputs.manifest, facts.platform);
    } catch (err) {
      problems.push(`${messageOf(err)} (the host is ${formatTarget(facts.platform)})`);
    }
  let stateDir = stateDirFor(inputs, app), free = await host.freeSpace(stateDir);
  if (free.writable || problems.push(`user ${facts.user} may not create ${stateDir} (${free.at} is not writable for it)`), artifact && free.kib !== void 0) {
    let { size } = await stat4(artifact.path), need = Math.ceil(size * 1.1 / 1024) + 1024;
    free.kib < need && problems.push(`the disk is full: ${formatBytes(free.kib * 1024)} free in ${free.at}, the release needs ${formatBytes(need * 1024)}`);
  }
  if (inputs.router.kind === "haproxy")
    try {
      let level = (await host.checkSocket(inputs.router.socket, "show cli level")).trim();
      level !== "admin" && problems.push(`haproxy-socket ${inputs.router.socket} has level ${JSON.stringify(level)}; gantry needs \`stats socket … level admin\``);
    } catch (err) {
      problems.push(messageOf(err).replace(`${host.name}: `, ""));
    }
  return { problems, artifact };
}
async function preflightFleet(hosts, inputs, app) {
  let results = await Promise.allSettled(hosts.map((h) => preflightHost(h, inputs, app))), lines = [];
  if (results.forEach((r, i) => {
    let name = hosts[i].name;
    if (r.status === "rejected") lines.push(`- ${messageOf(r.reason).startsWith(name) ? messageOf(r.reason) : `${name}: ${messageOf(r.reason)}`}`);
    else for (let p of r.value.problems) lines.push(`- ${name}: ${p}`);
  }), lines.length) throw new GantryError(`the hosts are not ready; nothing was changed on any host:
${lines.join(`
`)}`);
}

// packages/deploy/src/summary.ts
function reportedOutcome(r) {
  return r.command === "rollback" ? r.result.outcome === "promoted" ? "rolled-back" : "failed" : r.result.outcome;
}
function outcomeSentence(r) {
  let res = r.result, active = res.active ? `${res.active.version} serves all traffic on ${res.active.color} (port ${res.active.port})` : "no version is serving", traffic = res.traffic ? res.traffic.requests === 0 ? ` No requests reached ${res.version} while it was verified.` : ` ${res.traffic.errors} of ${res.traffic.requests} requests to ${res.version} failed while it was verified (${(errorRate(res.traffic) ?? 0).toFixed(2)}%).` : "";
  if (res.outcome === "promoted") {
    let verb = r.command === "rollback" ? "rolled back to" : "promoted", before = res.previousVersion ? `; ${res.previousVersion} was drained and stopped` : "", fast = res.switchMs !== void 0 ? ` All traffic was on it ${formatDuration(res.switchMs)} after its health gate passed.` : "";
    return `${r.app}: ${verb} ${res.version}: ${active}${before}.${fast}${traffic}`;
  }
  let back = res.rollbackMs !== void 0 ? ` Traffic was back on ${res.active?.version} ${formatDuration(res.rollbackMs)} after the failure was detected.` : "", what = res.outcome === "rolled-back" ? `${res.version} was rolled back` : `${res.version} failed`;
  return `${r.app}: ${what}: ${res.reason?.split(`
`)[0]}. Now ${active}.${back}${traffic}`;
}
function figures(e) {
  return Object.entries(e.figures).map(([k, v]) => `${k}: ${v}`).join(", ");
}
function gateRows(r, inputs) {
  let rows = [], g = r.result.gate;
  g && rows.push([
    `health gate (${inputs.health.path})`,
    `${g.ok ? `${inputs.health.successes} × 2xx in a row` : "not passed"} after ${g.checks} checks, ${formatDuration(g.ms)}`,
    `${inputs.health.successes} in a row within ${formatDuration(inputs.health.timeoutMs)}`,
    g.ok ? "✅" : "❌"
  ]);
  for (let { weight, result } of r.result.verify) {
    let t = result.traffic, rate = t ? errorRate(t) : void 0;
    rows.push([
      `error rate at ${weight}% (${formatDuration(result.ms)})`,
      t ? `${rate === void 0 ? "no requests" : `${rate.toFixed(2)}%`} (${t.errors}/${t.requests})` : "not measured (no router counters)",
      `≤ ${inputs.maxErrorRate}%`,
      result.ok ? "✅" : "❌"
    ]), inputs.maxP95Ms !== void 0 && t?.latencyMs !== void 0 && rows.push([
      `${t.latencyKind === "avg" ? "avg response time (HAProxy)" : "p95 latency"} at ${weight}%`,
      `${t.latencyMs.toFixed(1)} ms`,
      `≤ ${inputs.maxP95Ms} ms`,
      t.latencyMs <= inputs.maxP95Ms ? "✅" : "❌"
    ]);
  }
  return r.result.switchMs !== void 0 && rows.push(["gate passed → all traffic on new", formatDuration(r.result.switchMs), "", "ℹ️"]), r.result.rollbackMs !== void 0 && rows.push(["failure detected → traffic on old", formatDuration(r.result.rollbackMs), "", "ℹ️"]), rows;
}
function deploySummary(r, inputs) {
  let outcome = reportedOutcome(r), parts = [`### ${outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌"} deploy ${r.app} ${r.result.version}: ${outcome}`, "", outcomeSentence(r), ""];
  r.recovery && parts.push(
    `> Recovered first: an unfinished ${r.recovery.found.command} of ${r.recovery.found.to.version} (${r.recovery.why}) was ${r.recovery.action}.`,
    ""
  );
  let gates = gateRows(r, inputs);
  return gates.length && parts.push(table(["Check", "Measured", "Threshold", ""], gates), ""), parts.push(
    table(
      ["Phase", "Start", "Duration", "Figures"],
      r.timeline.entries.map((e) => [e.phase, e.start.slice(11, 23), formatDuration(e.ms), figures(e)])
    ),
    ""
  ), r.result.logTail && parts.push(details(`last output of ${r.result.version}`, codeBlock(r.result.logTail)), ""), parts.join(`
`);
}

// packages/deploy/src/ssh/report.ts
function fleetReportedOutcome(r) {
  let o = fleetOutcome(r.fleet);
  return r.command === "rollback" ? o === "promoted" ? "rolled-back" : "failed" : o;
}
function hostReportedOutcome(command, h) {
  return command === "rollback" ? h.outcome === "promoted" ? "rolled-back" : h.outcome === "rolled-back" ? "failed" : h.outcome : h.outcome;
}
function common(values) {
  let set = new Set(values.map((v) => v ?? ""));
  return set.size === 1 ? [...set][0] : "";
}
function hostsOutput(r) {
  return r.fleet.hosts.map((h) => ({
    host: h.host,
    outcome: hostReportedOutcome(r.command, h),
    "active-color": h.activeColor,
    version: h.version,
    "previous-version": h.previousVersion ?? "",
    ...h.reason ? { reason: h.reason.split(`
`)[0] } : {}
  }));
}
function setFleetOutputs(r, ctx) {
  let traffic = sumTraffic([...r.reports.values()].flatMap((d) => d.result.traffic ? [d.result.traffic] : [])), rate = traffic ? errorRate(traffic) : void 0;
  ctx.setOutput("outcome", fleetReportedOutcome(r)), ctx.setOutput("active-color", common(r.fleet.hosts.map((h) => h.activeColor))), ctx.setOutput("version", r.version), ctx.setOutput("previous-version", common(r.fleet.hosts.map((h) => h.previousVersion))), ctx.setOutput(
    "timeline",
    [...r.reports.entries()].flatMap(([host, d]) => d.timeline.entries.map((e) => ({ host, ...e })))
  ), ctx.setOutput("error-rate", rate === void 0 ? "" : rate.toFixed(3)), ctx.setOutput("hosts", hostsOutput(r));
}
function fleetSentence(r) {
  let n = r.fleet.hosts.length, outcome = fleetReportedOutcome(r), took = formatDuration(r.ms);
  if (outcome !== "failed" && !r.fleet.failure) {
    let verb = r.command === "rollback" ? "rolled back to" : "promoted";
    return `${r.app}: ${verb} ${r.version} on all ${n} host(s) in ${took}.`;
  }
  let f = r.fleet.failure, why = f ? `${f.host} failed: ${f.reason.split(`
`)[0]}` : "a host failed", bad = r.fleet.hosts.filter((h) => h.outcome === "unreachable" || h.outcome === "failed"), back = r.fleet.hosts.filter((h) => h.outcome === "rolled-back").map((h) => h.host), parts = [`${r.app}: ${r.command} of ${r.version} stopped: ${why}.`], untouched = r.fleet.hosts.filter((h) => h.outcome === "skipped").map((h) => h.host);
  back.length && parts.push(`Rolled back to their previous version: ${back.join(", ")}.`), untouched.length && parts.push(`Not touched: ${untouched.join(", ")}.`);
  for (let h of bad)
    parts.push(
      h.outcome === "unreachable" ? `${h.host} is unreachable; its journal decides what its next contact completes or rolls back.` : `${h.host}: ${h.reason?.split(`
`)[0] ?? "failed"}.`
    );
  return parts.join(" ");
}
function fleetSummary(r, inputs) {
  let outcome = fleetReportedOutcome(r), icon = outcome === "promoted" ? "✅" : outcome === "rolled-back" ? "↩️" : "❌", rows = r.fleet.hosts.map((h) => {
    let d = r.reports.get(h.host);
    return [
      h.host,
      hostReportedOutcome(r.command, h),
      h.version ? `${h.version} (${h.activeColor || "?"})` : "—",
      d ? formatDuration(d.timeline.entries.reduce((s, e) => s + e.ms, 0)) : "",
      (h.reason ?? "").split(`
`)[0]
    ];
  }), plan = `rollout ${inputs.remote.rollout}${inputs.remote.rollout === "parallel" ? ` (max-parallel ${inputs.remote.maxParallel})` : ""}${inputs.remote.canaryHosts ? `, canary-hosts ${inputs.remote.canaryHosts}` : ""}`, parts = [`### ${icon} deploy ${r.app} ${r.version} to ${r.fleet.hosts.length} host(s): ${outcome}`, "", fleetSentence(r), "", `_${plan}_`, ""];
  parts.push(table(["Host", "Outcome", "Serving", "Time", "Reason"], rows), "");
  for (let [host, d] of r.reports) parts.push(details(`${host}: ${d.result.outcome}`, deploySummary(d, inputs)), "");
  return parts.join(`
`);
}

// packages/deploy/src/ssh/remote.ts
function hostReporter(r, host) {
  let p = (m) => `${host}: ${m}`;
  return {
    info: (m) => r.info(p(m)),
    debug: (m) => r.debug(p(m)),
    annotate: (a) => r.annotate({ ...a, message: p(a.message) }),
    warning: (m, w) => r.warning(p(m), w),
    notice: (m, w) => r.notice(p(m), w),
    group: (t, fn) => r.group(p(t), fn),
    mask: (s) => r.mask(s),
    flush: () => r.flush()
  };
}
async function fleetApp(inputs) {
  if (inputs.app) return inputs.app;
  if (await exists(inputs.manifest)) return (await readManifest(inputs.manifest)).project;
  throw new InputError("app", "", "it is required when there is no manifest; accepted: the service's name, e.g. hello");
}
function storableInputs(inputs) {
  return { ...inputs, env: {}, router: storableRouter(inputs.router), remote: { ...inputs.remote, sshKey: "" } };
}
function outcomeOf(host, d) {
  return {
    host,
    outcome: d.result.outcome,
    activeColor: d.result.active?.color ?? "",
    version: d.result.active?.version ?? "",
    previousVersion: d.result.previousVersion,
    ...d.result.reason ? { reason: d.result.reason } : {}
  };
}
function failedOutcome(host, err) {
  let lost = err instanceof SshError && err.kind === "unreachable" ? err : host.session.unreachable;
  return lost ? {
    host: host.name,
    outcome: "unreachable",
    activeColor: "",
    version: "",
    reason: `${lost.message}; its journal decides what its next contact (the next deploy or rollback, or this job's post step) completes or rolls back`
  } : { host: host.name, outcome: "failed", activeColor: "", version: "", reason: messageOf(err) };
}
function pauseFor(env, index) {
  if (!env.GANTRY_DEPLOY_PAUSE_AT) return;
  let only = env.GANTRY_DEPLOY_PAUSE_HOST;
  return !only || Number(only) === index + 1 ? env.GANTRY_DEPLOY_PAUSE_AT : void 0;
}
async function runRemote(inputs, ctx, signal) {
  if (inputs.command === "status") throw new GantryError("internal: runRemote does not run status");
  let command = inputs.command, started = performance.now(), app, conn;
  try {
    app = await fleetApp(inputs), conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router)), ctx.state.set(StateKey.Cleanup, JSON.stringify(conn.saved)), await preflightFleet(conn.hosts, inputs, app);
  } catch (err) {
    throw ctx.setOutput("outcome", "failed"), err;
  }
  let saved = { fleet: {}, inputs: storableInputs(inputs) }, reports = /* @__PURE__ */ new Map(), who = auditWho(ctx.env), tasks = conn.hosts.map((host, i) => ({
    host: host.name,
    run: async (hold, hostSignal) => {
      try {
        let report2 = await runDeploy(inputs, {
          host,
          reporter: hostReporter(ctx.reporter, host.name),
          pauseAt: pauseFor(ctx.env, i),
          signal: AbortSignal.any([signal, hostSignal]),
          beforePromote: hold,
          who,
          onLocked: (runId2, stateDir) => {
            saved.fleet[host.name] = { runId: runId2, stateDir }, ctx.state.set(StateKey.DeployRun, JSON.stringify(saved));
          }
        });
        return reports.set(host.name, report2), outcomeOf(host.name, report2);
      } catch (err) {
        return failedOutcome(host, err);
      }
    }
  })), fleet = await runFleet(tasks, inputs.remote, ctx.reporter, signal);
  await Promise.all(conn.hosts.map((h) => h.session.closeShells?.()));
  let version = inputs.version || [...reports.values()][0]?.result.version || fleet.hosts.find((h) => h.version)?.version || "", report = { app, command, version, fleet, reports, ms: performance.now() - started };
  if (setFleetOutputs(report, ctx), ctx.summary(fleetSummary(report, inputs)), !(fleetOutcome(fleet) === "promoted")) throw new GantryError(fleetSentence(report));
  ctx.reporter.info(fleetSentence(report));
}
async function remotePost(ctx, savedRun, savedConn) {
  if (!savedConn) return;
  let hosts = [];
  try {
    if (!savedRun || Object.keys(savedRun.fleet).length === 0) return;
    let inputs = { ...savedRun.inputs, router: withAdminToken(savedRun.inputs.router, ctx.env) };
    hosts = savedConn.hosts.map((h) => new SshHost(new SshSession(h, savedConn.config), { needs: routerNeeds(inputs.router) }));
    let mine = (await Promise.all(
      hosts.map(async (host) => {
        let run2 = savedRun.fleet[host.name];
        if (run2)
          try {
            return { host, run: run2, doc: await new Journal(host, run2.stateDir).read("") };
          } catch (err) {
            ctx.reporter.warning(`deploy post step: ${host.name}: ${messageOf(err)}; its next deploy will finish its cutover`);
            return;
          }
      })
    )).filter((d) => d !== void 0), committed = mine.some(
      ({ run: run2, doc }) => doc.cutover?.id === run2.runId && COMMITTED_PHASES.includes(doc.cutover.phase) || doc.history.some((h) => h.id === run2.runId && h.outcome === "promoted")
    ), who = auditWho(ctx.env);
    for (let { host, run: run2, doc } of mine)
      if (doc.cutover?.id === run2.runId) {
        ctx.reporter.warning(`deploy post step: ${host.name} was left at ${doc.cutover.phase}; finishing its cutover now`);
        try {
          let r = await recoverOnly(inputs, run2.stateDir, { host, reporter: hostReporter(ctx.reporter, host.name), who }, { completeHeld: committed });
          r && ctx.reporter.info(
            `${host.name}: ${r.recovery?.action ?? r.result.outcome}: ${r.result.active ? `${r.result.active.version} serves` : "nothing serves"}`
          );
        } catch (err) {
          ctx.reporter.warning(`deploy post step: ${host.name}: recovery failed: ${messageOf(err)}; its next deploy will retry it`);
        }
      }
  } finally {
    await closeConnections(savedConn, hosts);
  }
}

// packages/deploy/src/ssh/status.ts
import { join as join17 } from "node:path";
async function hostStatus(host, inputs, app) {
  let stateDir = stateDirFor(inputs, app);
  try {
    let doc = await new Journal(host, stateDir).read(app), a = doc.active, running = a ? await new ProcessRuntime(host, stateDir).alive(a) : !1, routing = await makeRouter(inputs.router, host, app).describe(inputs.ports).catch((err) => `unknown (${messageOf(err)})`), audit2 = parseAudit(await host.readFile(join17(stateDir, AUDIT_FILE)) ?? "").slice(-3), last = doc.history[doc.history.length - 1], c = doc.cutover, flight = c ? ` **In flight:** ${c.command} of ${c.to.version} at ${c.phase} (run ${c.id}); the next run will ${planRecovery(c).kind === "complete" ? "complete" : "roll back"} it.` : "", serving = a ? `${a.version} on ${a.color}, pid ${a.pid} ${running ? "running" : "**not running**"}` : "nothing active", trail = audit2.map((e) => `${e.at.slice(0, 19)} ${e.who}: ${e.command} ${e.version} ${e.outcome}`).join("; ");
    return {
      host: host.name,
      outcome: c ? "in-flight" : last?.outcome ?? "",
      "active-color": a?.color ?? "",
      version: a?.version ?? "",
      "previous-version": doc.previous?.version ?? "",
      detail: `${serving}; router: ${routing}.${flight}${trail ? ` Audit: ${trail}` : ""}`
    };
  } catch (err) {
    return { host: host.name, outcome: "unreachable", "active-color": "", version: "", "previous-version": "", detail: messageOf(err) };
  }
}
var same = (values) => new Set(values).size === 1 ? values[0] : "";
async function remoteStatus(inputs, ctx) {
  let app = await fleetApp(inputs), conn = await openConnections(inputs.remote, ctx.reporter, routerNeeds(inputs.router));
  try {
    let hosts = await Promise.all(conn.hosts.map((h) => hostStatus(h, inputs, app))), outcome = hosts.some((h) => h.outcome === "in-flight") ? "in-flight" : hosts.some((h) => h.outcome === "unreachable") ? "unreachable" : same(hosts.map((h) => h.outcome));
    ctx.setOutput("outcome", outcome), ctx.setOutput("active-color", same(hosts.map((h) => h["active-color"]))), ctx.setOutput("version", same(hosts.map((h) => h.version))), ctx.setOutput("previous-version", same(hosts.map((h) => h["previous-version"]))), ctx.setOutput("timeline", []), ctx.setOutput("error-rate", ""), ctx.setOutput(
      "hosts",
      hosts.map(({ detail: _, ...h }) => h)
    );
    let versions = new Set(hosts.map((h) => h.version)), head = versions.size === 1 && hosts.every((h) => h.outcome !== "unreachable") ? `All ${hosts.length} host(s) serve ${hosts[0]?.version || "nothing"}.` : `The hosts do not all serve the same version (${[...versions].map((v) => v || "nothing").join(", ")}).`;
    ctx.summary(
      [
        `### deploy status: ${app} on ${hosts.length} host(s)`,
        "",
        head,
        "",
        table(
          ["Host", "Version", "Color", "Last outcome", "Details"],
          hosts.map((h) => [h.host, h.version, h["active-color"], h.outcome, h.detail])
        ),
        ""
      ].join(`
`)
    );
  } finally {
    await closeConnections(conn.saved, conn.hosts);
  }
}

// packages/deploy/src/status.ts
async function deployStatus(inputs, ctx, host) {
  let app = inputs.app;
  if (!app && await exists(inputs.manifest)) {
    let project = (await readManifest(inputs.manifest)).project;
    app = project ? checkName(project, APP_NAME, `manifest ${inputs.manifest}: project`, ACCEPTED_APP) : "";
  }
  if (!app) throw new InputError("app", "", "it is required for command: status when there is no manifest; accepted: the service's name");
  let stateDir = stateDirFor(inputs, app), doc = await new Journal(host, stateDir).read(app), runtime = makeRuntime(inputs, host, stateDir, app), active = doc.active, running = active ? await runtime.alive(active) : !1, routing;
  try {
    routing = await makeRouter(inputs.router, host, app).describe(inputs.ports);
  } catch (err) {
    routing = `unknown (${messageOf(err)})`;
  }
  let last = doc.history[doc.history.length - 1];
  ctx.setOutput("outcome", doc.cutover ? "in-flight" : last?.outcome ?? ""), ctx.setOutput("active-color", active?.color ?? ""), ctx.setOutput("version", active?.version ?? ""), ctx.setOutput("previous-version", doc.previous?.version ?? ""), ctx.setOutput("timeline", doc.cutover?.transitions ?? []), ctx.setOutput("error-rate", "");
  let lines = [
    `### deploy status: ${app}`,
    "",
    active ? `${active.version} is active on ${active.color} (port ${active.port}, pid ${active.pid}, ${running ? "running" : "**not running**"}).` : "No version is active.",
    `Router: ${routing}.`,
    doc.previous ? `Previous release: ${doc.previous.version} (\`command: rollback\` goes back to it).` : "",
    ""
  ];
  if (doc.cutover) {
    let c = doc.cutover, plan = planRecovery(c);
    lines.push(
      `**In flight:** ${c.command} of ${c.to.version} (${c.from?.version ?? "nothing"} → ${c.to.version}), phase **${c.phase}**${c.weight !== void 0 ? ` at ${c.weight}%` : ""}, run ${c.id} by pid ${c.deployer.pid} on ${c.deployer.machine}.`,
      `The next deploy or rollback will ${plan.kind === "complete" ? "complete it" : "roll it back"} (if its deployer is gone).`,
      "",
      table(
        ["Phase", "At"],
        c.transitions.map((t) => [t.phase, t.at])
      ),
      ""
    );
  }
  doc.history.length && lines.push(
    table(
      ["When", "Command", "Version", "From", "Outcome", "Reason"],
      doc.history.slice(-10).reverse().map((h) => [h.at, h.command, h.version, h.fromVersion ?? "", h.outcome, h.reason ?? ""])
    ),
    ""
  ), ctx.summary(lines.join(`
`));
}

// packages/deploy/src/stage.ts
function setDeployOutputs(r, ctx) {
  let rate = r.result.traffic ? errorRate(r.result.traffic) : void 0;
  ctx.setOutput("outcome", reportedOutcome(r)), ctx.setOutput("active-color", r.result.active?.color ?? ""), ctx.setOutput("version", r.result.version), ctx.setOutput("previous-version", r.result.previousVersion ?? ""), ctx.setOutput("timeline", r.timeline.entries), ctx.setOutput("error-rate", rate === void 0 ? "" : rate.toFixed(3)), ctx.setOutput("hosts", [
    {
      host: "local",
      outcome: reportedOutcome(r),
      "active-color": r.result.active?.color ?? "",
      version: r.result.active?.version ?? "",
      "previous-version": r.result.previousVersion ?? "",
      ...r.result.reason ? { reason: r.result.reason.split(`
`)[0] } : {}
    }
  ]);
}
function cancellation() {
  let controller = new AbortController(), onSignal = (sig) => controller.abort(`${sig} received`);
  return process.on("SIGINT", onSignal), process.on("SIGTERM", onSignal), {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal), process.off("SIGTERM", onSignal);
    }
  };
}
async function run(inputs, ctx) {
  if (inputs.remote.hosts.length > 0) {
    if (inputs.command === "status") return remoteStatus(inputs, ctx);
    let cancel2 = cancellation();
    try {
      return await runRemote(inputs, ctx, cancel2.signal);
    } finally {
      cancel2.dispose();
    }
  }
  let host = new LocalHost();
  if (inputs.command === "status") return deployStatus(inputs, ctx, host);
  let cancel = cancellation(), report;
  try {
    report = await runDeploy(inputs, {
      host,
      reporter: ctx.reporter,
      pauseAt: ctx.env.GANTRY_DEPLOY_PAUSE_AT || void 0,
      signal: cancel.signal,
      who: auditWho(ctx.env),
      // The inputs ride along (without env, which may hold secrets) so post works for the CLI too.
      onLocked: (runId2, stateDir) => ctx.state.set(StateKey.DeployRun, JSON.stringify({ runId: runId2, stateDir, inputs: { ...inputs, env: {}, router: storableRouter(inputs.router) } }))
    });
  } catch (err) {
    throw ctx.setOutput("outcome", "failed"), err;
  } finally {
    cancel.dispose();
  }
  if (setDeployOutputs(report, ctx), ctx.summary(deploySummary(report, inputs)), report.result.logTail && ctx.reporter.info(`last output of ${report.result.version}:
${report.result.logTail}`), reportedOutcome(report) !== "promoted" && !(inputs.command === "rollback" && reportedOutcome(report) === "rolled-back"))
    throw new GantryError(outcomeSentence(report));
  ctx.reporter.info(outcomeSentence(report));
}
async function post(ctx) {
  let saved = ctx.state.get(StateKey.DeployRun), connections = savedConnections(ctx.state.get(StateKey.Cleanup));
  if (connections) return remotePost(ctx, saved ? JSON.parse(saved) : void 0, connections);
  if (!saved) return;
  let { runId: runId2, stateDir, inputs: stored } = JSON.parse(saved), inputs = { ...stored, router: withAdminToken(stored.router, ctx.env) }, host = new LocalHost(), doc = await new Journal(host, stateDir).read("");
  if (doc.cutover?.id === runId2) {
    ctx.reporter.warning(`deploy: the main step stopped during ${doc.cutover.phase}; finishing the cutover now`);
    try {
      let report = await recoverOnly(inputs, stateDir, { host, reporter: ctx.reporter });
      report && ctx.summary(deploySummary(report, inputs));
    } catch (err) {
      ctx.reporter.warning(`deploy post step: recovery failed: ${messageOf(err)}; the next deploy will retry it`);
    }
  }
}
var deployStage = {
  name: "deploy",
  description: "Zero-downtime blue-green or canary cutover of a Go service behind HAProxy or nginx, with health gates and automatic rollback.",
  inputs: DEPLOY_INPUTS,
  secrets: ["env", "ssh-key", "nginx-admin-token"],
  parse(read, ctx) {
    let inputs = parseDeployInputs(read, ctx.cwd);
    for (let value of envSecrets(inputs.env)) value.length >= 3 && ctx.reporter.mask(value);
    return inputs;
  },
  run,
  post
};

export {
  memoryState,
  StateKey,
  restoreCache,
  saveCachePlan,
  GantryError,
  InputError,
  ExecError,
  childProcessTime,
  lastLines,
  exec,
  sha256File,
  sha256,
  exists,
  writeNewFile,
  writeFileAtomic,
  copyFileAtomic,
  parseSize,
  SIZE_ACCEPTED,
  parseDuration,
  formatBytes,
  formatDuration,
  mapInputSource,
  InputReader,
  splitList,
  MANIFEST_FILE,
  readManifest,
  writeManifest,
  resolveInManifest,
  MAX_ANNOTATIONS,
  TerminalReporter,
  MAX_SUMMARY_BYTES,
  cell,
  table,
  details,
  codeBlock,
  parseStageInputs,
  formatOutput,
  failureMessage,
  runActionMain,
  runActionPost,
  parseTarget,
  formatTarget,
  targetSlug,
  exeSuffix,
  hostTarget,
  nearest,
  redactUrl,
  HttpTimeoutError,
  fetchWithTimeout,
  readBodyLimited,
  discardBody,
  readErrorBody,
  ensureRunnerDirs,
  findCachedTool,
  installTool,
  runnerArch,
  goVersionRange,
  goVersionFromFile,
  moduleGoDirective,
  resolveGo,
  require_tar_stream,
  withParents,
  reproducibleTar,
  which,
  isExecutable,
  freePort,
  isSecretName,
  urlPasswords,
  envSecrets,
  deployStage
};
