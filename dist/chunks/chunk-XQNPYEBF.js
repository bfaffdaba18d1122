import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  ExecError,
  GantryError,
  HttpTimeoutError,
  InputError,
  InputReader,
  MANIFEST_FILE,
  MAX_ANNOTATIONS,
  MAX_SUMMARY_BYTES,
  SIZE_ACCEPTED,
  StateKey,
  cell,
  childProcessTime,
  codeBlock,
  copyFileAtomic,
  deployStage,
  details,
  discardBody,
  envSecrets,
  exeSuffix,
  exec,
  exists,
  fetchWithTimeout,
  findCachedTool,
  formatBytes,
  formatDuration,
  formatTarget,
  freePort,
  goVersionFromFile,
  goVersionRange,
  hostTarget,
  installTool,
  isExecutable,
  isSecretName,
  lastLines,
  moduleGoDirective,
  nearest,
  parseDuration,
  parseSize,
  parseTarget,
  readBodyLimited,
  readErrorBody,
  readManifest,
  redactUrl,
  reproducibleTar,
  require_tar_stream,
  resolveGo,
  resolveInManifest,
  restoreCache,
  runnerArch,
  saveCachePlan,
  sha256,
  sha256File,
  splitList,
  table,
  targetSlug,
  urlPasswords,
  which,
  withParents,
  writeFileAtomic,
  writeManifest,
  writeNewFile
} from "./chunk-JG3GFB7A.js";
import {
  require_semver
} from "./chunk-SDIGK4BL.js";
import {
  __toESM
} from "./chunk-6LYVYBIT.js";

// packages/go-build/src/archive.ts
import { readFile } from "node:fs/promises";

// node_modules/fflate/esm/index.mjs
import { createRequire } from "module";
var require2 = createRequire("/"), _a, Worker, isMarkedAsUntransferable;
try {
  _a = require2("worker_threads"), Worker = _a.Worker, isMarkedAsUntransferable = _a.isMarkedAsUntransferable;
} catch {
}
var u8 = Uint8Array, u16 = Uint16Array, i32 = Int32Array, fleb = new u8([
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  0,
  1,
  1,
  1,
  1,
  2,
  2,
  2,
  2,
  3,
  3,
  3,
  3,
  4,
  4,
  4,
  4,
  5,
  5,
  5,
  5,
  0,
  /* unused */
  0,
  0,
  /* impossible */
  0
]), fdeb = new u8([
  0,
  0,
  0,
  0,
  1,
  1,
  2,
  2,
  3,
  3,
  4,
  4,
  5,
  5,
  6,
  6,
  7,
  7,
  8,
  8,
  9,
  9,
  10,
  10,
  11,
  11,
  12,
  12,
  13,
  13,
  /* unused */
  0,
  0
]), clim = new u8([16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]), freb = function(eb, start) {
  for (var b = new u16(31), i2 = 0; i2 < 31; ++i2)
    b[i2] = start += 1 << eb[i2 - 1];
  for (var r = new i32(b[30]), i2 = 1; i2 < 30; ++i2)
    for (var j = b[i2]; j < b[i2 + 1]; ++j)
      r[j] = j - b[i2] << 5 | i2;
  return { b, r };
}, _a = freb(fleb, 2), fl = _a.b, revfl = _a.r;
fl[28] = 258, revfl[258] = 28;
var _b = freb(fdeb, 0), fd = _b.b, revfd = _b.r, rev = new u16(32768);
for (i = 0; i < 32768; ++i)
  x = (i & 43690) >> 1 | (i & 21845) << 1, x = (x & 52428) >> 2 | (x & 13107) << 2, x = (x & 61680) >> 4 | (x & 3855) << 4, rev[i] = ((x & 65280) >> 8 | (x & 255) << 8) >> 1;
var x, i, hMap = (function(cd, mb, r) {
  for (var s = cd.length, i2 = 0, l = new u16(mb); i2 < s; ++i2)
    cd[i2] && ++l[cd[i2] - 1];
  var le = new u16(mb);
  for (i2 = 1; i2 < mb; ++i2)
    le[i2] = le[i2 - 1] + l[i2 - 1] << 1;
  var co;
  if (r) {
    co = new u16(1 << mb);
    var rvb = 15 - mb;
    for (i2 = 0; i2 < s; ++i2)
      if (cd[i2])
        for (var sv = i2 << 4 | cd[i2], r_1 = mb - cd[i2], v = le[cd[i2] - 1]++ << r_1, m = v | (1 << r_1) - 1; v <= m; ++v)
          co[rev[v] >> rvb] = sv;
  } else
    for (co = new u16(s), i2 = 0; i2 < s; ++i2)
      cd[i2] && (co[i2] = rev[le[cd[i2] - 1]++] >> 15 - cd[i2]);
  return co;
}), flt = new u8(288);
for (i = 0; i < 144; ++i)
  flt[i] = 8;
var i;
for (i = 144; i < 256; ++i)
  flt[i] = 9;
var i;
for (i = 256; i < 280; ++i)
  flt[i] = 7;
var i;
for (i = 280; i < 288; ++i)
  flt[i] = 8;
var i, fdt = new u8(32);
for (i = 0; i < 32; ++i)
  fdt[i] = 5;
var i, flm = /* @__PURE__ */ hMap(flt, 9, 0), flrm = /* @__PURE__ */ hMap(flt, 9, 1), fdm = /* @__PURE__ */ hMap(fdt, 5, 0), fdrm = /* @__PURE__ */ hMap(fdt, 5, 1), max = function(a) {
  for (var m = a[0], i2 = 1; i2 < a.length; ++i2)
    a[i2] > m && (m = a[i2]);
  return m;
}, bits = function(d, p, m) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8) >> (p & 7) & m;
}, bits16 = function(d, p) {
  var o = p / 8 | 0;
  return (d[o] | d[o + 1] << 8 | d[o + 2] << 16) >> (p & 7);
}, shft = function(p) {
  return (p + 7) / 8 | 0;
}, slc = function(v, s, e) {
  return (s == null || s < 0) && (s = 0), (e == null || e > v.length) && (e = v.length), new u8(v.subarray(s, e));
};
var ec = [
  "unexpected EOF",
  "invalid block type",
  "invalid length/literal",
  "invalid distance",
  "stream finished",
  "no stream handler",
  ,
  // determined by compression function
  "no callback",
  "invalid UTF-8 data",
  "extra field too long",
  "date not in range 1980-2099",
  "filename too long",
  "stream finishing",
  "invalid zip data"
  // determined by unknown compression method
], err = function(ind, msg, nt) {
  var e = new Error(msg || ec[ind]);
  if (e.code = ind, Error.captureStackTrace && Error.captureStackTrace(e, err), !nt)
    throw e;
  return e;
}, inflt = function(dat, st, buf, dict) {
  var sl = dat.length, dl = dict ? dict.length : 0;
  if (!sl || st.f && !st.l)
    return buf || new u8(0);
  var noBuf = !buf, resize = noBuf || st.i != 2, noSt = st.i;
  noBuf && (buf = new u8(sl * 3));
  var cbuf = function(l2) {
    var bl = buf.length;
    if (l2 > bl) {
      var nbuf = new u8(Math.max(bl * 2, l2));
      nbuf.set(buf), buf = nbuf;
    }
  }, final = st.f || 0, pos = st.p || 0, bt = st.b || 0, lm = st.l, dm = st.d, lbt = st.m, dbt = st.n, tbts = sl * 8;
  do {
    if (!lm) {
      final = bits(dat, pos, 1);
      var type = bits(dat, pos + 1, 3);
      if (pos += 3, type)
        if (type == 1)
          lm = flrm, dm = fdrm, lbt = 9, dbt = 5;
        else if (type == 2) {
          var hLit = bits(dat, pos, 31) + 257, hcLen = bits(dat, pos + 10, 15) + 4, tl = hLit + bits(dat, pos + 5, 31) + 1;
          pos += 14;
          for (var ldt = new u8(tl), clt = new u8(19), i2 = 0; i2 < hcLen; ++i2)
            clt[clim[i2]] = bits(dat, pos + i2 * 3, 7);
          pos += hcLen * 3;
          for (var clb = max(clt), clbmsk = (1 << clb) - 1, clm = hMap(clt, clb, 1), i2 = 0; i2 < tl; ) {
            var r = clm[bits(dat, pos, clbmsk)];
            pos += r & 15;
            var s = r >> 4;
            if (s < 16)
              ldt[i2++] = s;
            else {
              var c = 0, n = 0;
              for (s == 16 ? (n = 3 + bits(dat, pos, 3), pos += 2, c = ldt[i2 - 1]) : s == 17 ? (n = 3 + bits(dat, pos, 7), pos += 3) : s == 18 && (n = 11 + bits(dat, pos, 127), pos += 7); n--; )
                ldt[i2++] = c;
            }
          }
          var lt4 = ldt.subarray(0, hLit), dt = ldt.subarray(hLit);
          lbt = max(lt4), dbt = max(dt), lm = hMap(lt4, lbt, 1), dm = hMap(dt, dbt, 1);
        } else
          err(1);
      else {
        var s = shft(pos) + 4, l = dat[s - 4] | dat[s - 3] << 8, t = s + l;
        if (t > sl) {
          noSt && err(0);
          break;
        }
        resize && cbuf(bt + l), buf.set(dat.subarray(s, t), bt), st.b = bt += l, st.p = pos = t * 8, st.f = final;
        continue;
      }
      if (pos > tbts) {
        noSt && err(0);
        break;
      }
    }
    resize && cbuf(bt + 131072);
    for (var lms = (1 << lbt) - 1, dms = (1 << dbt) - 1, lpos = pos; ; lpos = pos) {
      var c = lm[bits16(dat, pos) & lms], sym = c >> 4;
      if (pos += c & 15, pos > tbts) {
        noSt && err(0);
        break;
      }
      if (c || err(2), sym < 256)
        buf[bt++] = sym;
      else if (sym == 256) {
        lpos = pos, lm = null;
        break;
      } else {
        var add = sym - 254;
        if (sym > 264) {
          var i2 = sym - 257, b = fleb[i2];
          add = bits(dat, pos, (1 << b) - 1) + fl[i2], pos += b;
        }
        var d = dm[bits16(dat, pos) & dms], dsym = d >> 4;
        d || err(3), pos += d & 15;
        var dt = fd[dsym];
        if (dsym > 3) {
          var b = fdeb[dsym];
          dt += bits16(dat, pos) & (1 << b) - 1, pos += b;
        }
        if (pos > tbts) {
          noSt && err(0);
          break;
        }
        resize && cbuf(bt + 131072);
        var end = bt + add;
        if (bt < dt) {
          var shift = dl - dt, dend = Math.min(dt, end);
          for (shift + bt < 0 && err(3); bt < dend; ++bt)
            buf[bt] = dict[shift + bt];
        }
        for (; bt < end; ++bt)
          buf[bt] = buf[bt - dt];
      }
    }
    st.l = lm, st.p = lpos, st.b = bt, st.f = final, lm && (final = 1, st.m = lbt, st.d = dm, st.n = dbt);
  } while (!final);
  return bt != buf.length && noBuf ? slc(buf, 0, bt) : buf.subarray(0, bt);
}, wbits = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v, d[o + 1] |= v >> 8;
}, wbits16 = function(d, p, v) {
  v <<= p & 7;
  var o = p / 8 | 0;
  d[o] |= v, d[o + 1] |= v >> 8, d[o + 2] |= v >> 16;
}, hTree = function(d, mb) {
  for (var t = [], i2 = 0; i2 < d.length; ++i2)
    d[i2] && t.push({ s: i2, f: d[i2] });
  var s = t.length, t2 = t.slice();
  if (!s)
    return { t: et, l: 0 };
  if (s == 1) {
    var v = new u8(t[0].s + 1);
    return v[t[0].s] = 1, { t: v, l: 1 };
  }
  t.sort(function(a, b) {
    return a.f - b.f;
  }), t.push({ s: -1, f: 25001 });
  var l = t[0], r = t[1], i0 = 0, i1 = 1, i22 = 2;
  for (t[0] = { s: -1, f: l.f + r.f, l, r }; i1 != s - 1; )
    l = t[t[i0].f < t[i22].f ? i0++ : i22++], r = t[i0 != i1 && t[i0].f < t[i22].f ? i0++ : i22++], t[i1++] = { s: -1, f: l.f + r.f, l, r };
  for (var maxSym = t2[0].s, i2 = 1; i2 < s; ++i2)
    t2[i2].s > maxSym && (maxSym = t2[i2].s);
  var tr = new u16(maxSym + 1), mbt = ln(t[i1 - 1], tr, 0);
  if (mbt > mb) {
    var i2 = 0, dt = 0, lft = mbt - mb, cst = 1 << lft;
    for (t2.sort(function(a, b) {
      return tr[b.s] - tr[a.s] || a.f - b.f;
    }); i2 < s; ++i2) {
      var i2_1 = t2[i2].s;
      if (tr[i2_1] > mb)
        dt += cst - (1 << mbt - tr[i2_1]), tr[i2_1] = mb;
      else
        break;
    }
    for (dt >>= lft; dt > 0; ) {
      var i2_2 = t2[i2].s;
      tr[i2_2] < mb ? dt -= 1 << mb - tr[i2_2]++ - 1 : ++i2;
    }
    for (; i2 >= 0 && dt; --i2) {
      var i2_3 = t2[i2].s;
      tr[i2_3] == mb && (--tr[i2_3], ++dt);
    }
    mbt = mb;
  }
  return { t: new u8(tr), l: mbt };
}, ln = function(n, l, d) {
  return n.s == -1 ? Math.max(ln(n.l, l, d + 1), ln(n.r, l, d + 1)) : l[n.s] = d;
}, lc = function(c) {
  for (var s = c.length; s && !c[--s]; )
    ;
  for (var cl = new u16(++s), cli = 0, cln = c[0], cls = 1, w = function(v) {
    cl[cli++] = v;
  }, i2 = 1; i2 <= s; ++i2)
    if (c[i2] == cln && i2 != s)
      ++cls;
    else {
      if (!cln && cls > 2) {
        for (; cls > 138; cls -= 138)
          w(32754);
        cls > 2 && (w(cls > 10 ? cls - 11 << 5 | 28690 : cls - 3 << 5 | 12305), cls = 0);
      } else if (cls > 3) {
        for (w(cln), --cls; cls > 6; cls -= 6)
          w(8304);
        cls > 2 && (w(cls - 3 << 5 | 8208), cls = 0);
      }
      for (; cls--; )
        w(cln);
      cls = 1, cln = c[i2];
    }
  return { c: cl.subarray(0, cli), n: s };
}, clen = function(cf, cl) {
  for (var l = 0, i2 = 0; i2 < cl.length; ++i2)
    l += cf[i2] * cl[i2];
  return l;
}, wfblk = function(out, pos, dat) {
  var s = dat.length, o = shft(pos + 2);
  out[o] = s & 255, out[o + 1] = s >> 8, out[o + 2] = out[o] ^ 255, out[o + 3] = out[o + 1] ^ 255;
  for (var i2 = 0; i2 < s; ++i2)
    out[o + i2 + 4] = dat[i2];
  return (o + 4 + s) * 8;
}, wblk = function(dat, out, final, syms, lf, df, eb, li, bs, bl, p) {
  wbits(out, p++, final), ++lf[256];
  for (var _a2 = hTree(lf, 15), dlt = _a2.t, mlb = _a2.l, _b2 = hTree(df, 15), ddt = _b2.t, mdb = _b2.l, _c = lc(dlt), lclt = _c.c, nlc = _c.n, _d = lc(ddt), lcdt = _d.c, ndc = _d.n, lcfreq = new u16(19), i2 = 0; i2 < lclt.length; ++i2)
    ++lcfreq[lclt[i2] & 31];
  for (var i2 = 0; i2 < lcdt.length; ++i2)
    ++lcfreq[lcdt[i2] & 31];
  for (var _e = hTree(lcfreq, 7), lct = _e.t, mlcb = _e.l, nlcc = 19; nlcc > 4 && !lct[clim[nlcc - 1]]; --nlcc)
    ;
  var flen = bl + 5 << 3, ftlen = clen(lf, flt) + clen(df, fdt) + eb, dtlen = clen(lf, dlt) + clen(df, ddt) + eb + 14 + 3 * nlcc + clen(lcfreq, lct) + 2 * lcfreq[16] + 3 * lcfreq[17] + 7 * lcfreq[18];
  if (bs >= 0 && flen <= ftlen && flen <= dtlen)
    return wfblk(out, p, dat.subarray(bs, bs + bl));
  var lm, ll, dm, dl;
  if (wbits(out, p, 1 + (dtlen < ftlen)), p += 2, dtlen < ftlen) {
    lm = hMap(dlt, mlb, 0), ll = dlt, dm = hMap(ddt, mdb, 0), dl = ddt;
    var llm = hMap(lct, mlcb, 0);
    wbits(out, p, nlc - 257), wbits(out, p + 5, ndc - 1), wbits(out, p + 10, nlcc - 4), p += 14;
    for (var i2 = 0; i2 < nlcc; ++i2)
      wbits(out, p + 3 * i2, lct[clim[i2]]);
    p += 3 * nlcc;
    for (var lcts = [lclt, lcdt], it = 0; it < 2; ++it)
      for (var clct = lcts[it], i2 = 0; i2 < clct.length; ++i2) {
        var len = clct[i2] & 31;
        wbits(out, p, llm[len]), p += lct[len], len > 15 && (wbits(out, p, clct[i2] >> 5 & 127), p += clct[i2] >> 12);
      }
  } else
    lm = flm, ll = flt, dm = fdm, dl = fdt;
  for (var i2 = 0; i2 < li; ++i2) {
    var sym = syms[i2];
    if (sym > 255) {
      var len = sym >> 18 & 31;
      wbits16(out, p, lm[len + 257]), p += ll[len + 257], len > 7 && (wbits(out, p, sym >> 23 & 31), p += fleb[len]);
      var dst = sym & 31;
      wbits16(out, p, dm[dst]), p += dl[dst], dst > 3 && (wbits16(out, p, sym >> 5 & 8191), p += fdeb[dst]);
    } else
      wbits16(out, p, lm[sym]), p += ll[sym];
  }
  return wbits16(out, p, lm[256]), p + ll[256];
}, deo = /* @__PURE__ */ new i32([65540, 131080, 131088, 131104, 262176, 1048704, 1048832, 2114560, 2117632]), et = /* @__PURE__ */ new u8(0), dflt = function(dat, lvl, plvl, pre, post, st) {
  var s = st.z || dat.length, o = new u8(pre + s + 5 * (1 + Math.ceil(s / 7e3)) + post), w = o.subarray(pre, o.length - post), lst = st.l, pos = (st.r || 0) & 7;
  if (lvl) {
    pos && (w[0] = st.r >> 3);
    for (var opt = deo[lvl - 1], n = opt >> 13, c = opt & 8191, msk_1 = (1 << plvl) - 1, prev = st.p || new u16(32768), head = st.h || new u16(msk_1 + 1), bs1_1 = Math.ceil(plvl / 3), bs2_1 = 2 * bs1_1, hsh = function(i3) {
      return (dat[i3] ^ dat[i3 + 1] << bs1_1 ^ dat[i3 + 2] << bs2_1) & msk_1;
    }, syms = new i32(25e3), lf = new u16(288), df = new u16(32), lc_1 = 0, eb = 0, i2 = st.i || 0, li = 0, wi = st.w || 0, bs = 0; i2 + 2 < s; ++i2) {
      var hv = hsh(i2), imod = i2 & 32767, pimod = head[hv];
      if (prev[imod] = pimod, head[hv] = imod, wi <= i2) {
        var rem = s - i2;
        if ((lc_1 > 7e3 || li > 24576) && (rem > 423 || !lst)) {
          pos = wblk(dat, w, 0, syms, lf, df, eb, li, bs, i2 - bs, pos), li = lc_1 = eb = 0, bs = i2;
          for (var j = 0; j < 286; ++j)
            lf[j] = 0;
          for (var j = 0; j < 30; ++j)
            df[j] = 0;
        }
        var l = 2, d = 0, ch_1 = c, dif = imod - pimod & 32767;
        if (rem > 2 && hv == hsh(i2 - dif))
          for (var maxn = Math.min(n, rem) - 1, maxd = Math.min(32767, i2), ml = Math.min(258, rem); dif <= maxd && --ch_1 && imod != pimod; ) {
            if (dat[i2 + l] == dat[i2 + l - dif]) {
              for (var nl = 0; nl < ml && dat[i2 + nl] == dat[i2 + nl - dif]; ++nl)
                ;
              if (nl > l) {
                if (l = nl, d = dif, nl > maxn)
                  break;
                for (var mmd = Math.min(dif, nl - 2), md = 0, j = 0; j < mmd; ++j) {
                  var ti = i2 - dif + j & 32767, pti = prev[ti], cd = ti - pti & 32767;
                  cd > md && (md = cd, pimod = ti);
                }
              }
            }
            imod = pimod, pimod = prev[imod], dif += imod - pimod & 32767;
          }
        if (d) {
          syms[li++] = 268435456 | revfl[l] << 18 | revfd[d];
          var lin = revfl[l] & 31, din = revfd[d] & 31;
          eb += fleb[lin] + fdeb[din], ++lf[257 + lin], ++df[din], wi = i2 + l, ++lc_1;
        } else
          syms[li++] = dat[i2], ++lf[dat[i2]];
      }
    }
    for (i2 = Math.max(i2, wi); i2 < s; ++i2)
      syms[li++] = dat[i2], ++lf[dat[i2]];
    pos = wblk(dat, w, lst, syms, lf, df, eb, li, bs, i2 - bs, pos), lst || (st.r = pos & 7 | w[pos / 8 | 0] << 3, pos -= 7, st.h = head, st.p = prev, st.i = i2, st.w = wi);
  } else {
    for (var i2 = st.w || 0; i2 < s + lst; i2 += 65535) {
      var e = i2 + 65535;
      e >= s && (w[pos / 8 | 0] = lst, e = s), pos = wfblk(w, pos + 1, dat.subarray(i2, e));
    }
    st.i = s;
  }
  return slc(o, 0, pre + shft(pos) + post);
}, crct = /* @__PURE__ */ (function() {
  for (var t = new Int32Array(256), i2 = 0; i2 < 256; ++i2) {
    for (var c = i2, k = 9; --k; )
      c = (c & 1 && -306674912) ^ c >>> 1;
    t[i2] = c;
  }
  return t;
})(), crc = function() {
  var c = -1;
  return {
    p: function(d) {
      for (var cr = c, i2 = 0; i2 < d.length; ++i2)
        cr = crct[cr & 255 ^ d[i2]] ^ cr >>> 8;
      c = cr;
    },
    d: function() {
      return ~c;
    }
  };
};
var dopt = function(dat, opt, pre, post, st) {
  if (!st && (st = { l: 1 }, opt.dictionary)) {
    var dict = opt.dictionary.subarray(-32768), newDat = new u8(dict.length + dat.length);
    newDat.set(dict), newDat.set(dat, dict.length), dat = newDat, st.w = dict.length;
  }
  return dflt(dat, opt.level == null ? 6 : opt.level, opt.mem == null ? st.l ? Math.ceil(Math.max(8, Math.min(13, Math.log(dat.length))) * 1.5) : 20 : 12 + opt.mem, pre, post, st);
}, mrg = function(a, b) {
  var o = {};
  for (var k in a)
    o[k] = a[k];
  for (var k in b)
    o[k] = b[k];
  return o;
};
var b2 = function(d, b) {
  return d[b] | d[b + 1] << 8;
}, b4 = function(d, b) {
  return (d[b] | d[b + 1] << 8 | d[b + 2] << 16 | d[b + 3] << 24) >>> 0;
}, b8 = function(d, b) {
  return b4(d, b) + b4(d, b + 4) * 4294967296;
}, wbytes = function(d, b, v) {
  for (; v; ++b)
    d[b] = v, v >>>= 8;
}, gzh = function(c, o) {
  var fn = o.filename;
  if (c[0] = 31, c[1] = 139, c[2] = 8, c[8] = o.level < 2 ? 4 : o.level == 9 ? 2 : 0, c[9] = 3, o.mtime != 0 && wbytes(c, 4, Math.floor(new Date(o.mtime || Date.now()) / 1e3)), fn) {
    c[3] = 8;
    for (var i2 = 0; i2 <= fn.length; ++i2)
      c[i2 + 10] = fn.charCodeAt(i2);
  }
}, gzs = function(d) {
  (d[0] != 31 || d[1] != 139 || d[2] != 8) && err(6, "invalid gzip data");
  var flg = d[3], st = 10;
  flg & 4 && (st += (d[10] | d[11] << 8) + 2);
  for (var zs = (flg >> 3 & 1) + (flg >> 4 & 1); zs > 0; zs -= !d[st++])
    ;
  return st + (flg & 2);
}, gzl = function(d) {
  var l = d.length;
  return (d[l - 4] | d[l - 3] << 8 | d[l - 2] << 16 | d[l - 1] << 24) >>> 0;
}, gzhl = function(o) {
  return 10 + (o.filename ? o.filename.length + 1 : 0);
};
function deflateSync(data, opts) {
  return dopt(data, opts || {}, 0, 0);
}
function inflateSync(data, opts) {
  return inflt(data, { i: 2 }, opts && opts.out, opts && opts.dictionary);
}
function gzipSync(data, opts) {
  opts || (opts = {});
  var c = crc(), l = data.length;
  c.p(data);
  var d = dopt(data, opts, gzhl(opts), 8), s = d.length;
  return gzh(d, opts), wbytes(d, s - 8, c.d()), wbytes(d, s - 4, l), d;
}
function gunzipSync(data, opts) {
  var st = gzs(data);
  return st + 8 > data.length && err(6, "invalid gzip data"), inflt(data.subarray(st, -8), { i: 2 }, opts && opts.out || new u8(gzl(data)), opts && opts.dictionary);
}
var fltn = function(d, p, t, o) {
  for (var k in d) {
    var val = d[k], n = p + k, op = o;
    Array.isArray(val) && (op = mrg(o, val[1]), val = val[0]), ArrayBuffer.isView(val) ? t[n] = [val, op] : (t[n += "/"] = [new u8(0), op], fltn(val, n, t, o));
  }
}, te = typeof TextEncoder < "u" && /* @__PURE__ */ new TextEncoder(), td = typeof TextDecoder < "u" && /* @__PURE__ */ new TextDecoder(), tds = 0;
try {
  td.decode(et, { stream: !0 }), tds = 1;
} catch {
}
var dutf8 = function(d) {
  for (var r = "", i2 = 0; ; ) {
    var c = d[i2++], eb = (c > 127) + (c > 223) + (c > 239);
    if (i2 + eb > d.length)
      return { s: r, r: slc(d, i2 - 1) };
    eb ? eb == 3 ? (c = ((c & 15) << 18 | (d[i2++] & 63) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) - 65536, r += String.fromCharCode(55296 | c >> 10, 56320 | c & 1023)) : eb & 1 ? r += String.fromCharCode((c & 31) << 6 | d[i2++] & 63) : r += String.fromCharCode((c & 15) << 12 | (d[i2++] & 63) << 6 | d[i2++] & 63) : r += String.fromCharCode(c);
  }
};
function strToU8(str, latin1) {
  if (latin1) {
    for (var ar_1 = new u8(str.length), i2 = 0; i2 < str.length; ++i2)
      ar_1[i2] = str.charCodeAt(i2);
    return ar_1;
  }
  if (te)
    return te.encode(str);
  for (var l = str.length, ar = new u8(str.length + (str.length >> 1)), ai = 0, w = function(v) {
    ar[ai++] = v;
  }, i2 = 0; i2 < l; ++i2) {
    if (ai + 5 > ar.length) {
      var n = new u8(ai + 8 + (l - i2 << 1));
      n.set(ar), ar = n;
    }
    var c = str.charCodeAt(i2);
    c < 128 || latin1 ? w(c) : c < 2048 ? (w(192 | c >> 6), w(128 | c & 63)) : c > 55295 && c < 57344 ? (c = 65536 + (c & 1047552) | str.charCodeAt(++i2) & 1023, w(240 | c >> 18), w(128 | c >> 12 & 63), w(128 | c >> 6 & 63), w(128 | c & 63)) : (w(224 | c >> 12), w(128 | c >> 6 & 63), w(128 | c & 63));
  }
  return slc(ar, 0, ai);
}
function strFromU8(dat, latin1) {
  if (latin1) {
    for (var r = "", i2 = 0; i2 < dat.length; i2 += 16384)
      r += String.fromCharCode.apply(null, dat.subarray(i2, i2 + 16384));
    return r;
  } else {
    if (td)
      return td.decode(dat);
    var _a2 = dutf8(dat), s = _a2.s, r = _a2.r;
    return r.length && err(8), s;
  }
}
var slzh = function(d, b) {
  return b + 30 + b2(d, b + 26) + b2(d, b + 28);
}, zh = function(d, b, z) {
  var fnl = b2(d, b + 28), efl = b2(d, b + 30), fn = strFromU8(d.subarray(b + 46, b + 46 + fnl), !(b2(d, b + 8) & 2048)), es = b + 46 + fnl, _a2 = z64hs(d, es, efl, z, b4(d, b + 20), b4(d, b + 24), b4(d, b + 42)), sc = _a2[0], su = _a2[1], off = _a2[2];
  return [b2(d, b + 10), sc, su, fn, es + efl + b2(d, b + 32), off];
}, z64hs = function(d, b, l, z, sc, su, off) {
  var nsc = sc == 4294967295, nsu = su == 4294967295, noff = off == 4294967295, e = b + l, nf = nsc + nsu + noff;
  if (z && nf) {
    for (; b + 4 < e; b += 4 + b2(d, b + 2))
      if (b2(d, b) == 1)
        return [
          nsc ? b8(d, b + 4 + 8 * nsu) : sc,
          nsu ? b8(d, b + 4) : su,
          noff ? b8(d, b + 4 + 8 * (nsu + nsc)) : off,
          1
        ];
    z < 2 && err(13);
  }
  return [sc, su, off, 0];
}, exfl = function(ex) {
  var le = 0;
  if (ex)
    for (var k in ex) {
      var l = ex[k].length;
      l > 65535 && err(9), le += l + 4;
    }
  return le;
}, wzh = function(d, b, f, fn, u, c, ce, co) {
  var fl2 = fn.length, ex = f.extra, col = co && co.length, exl = exfl(ex);
  wbytes(d, b, ce != null ? 33639248 : 67324752), b += 4, ce != null && (d[b++] = 20, d[b++] = f.os), d[b] = 20, b += 2, d[b++] = f.flag << 1 | (c < 0 && 8), d[b++] = u && 8, d[b++] = f.compression & 255, d[b++] = f.compression >> 8;
  var dt = new Date(f.mtime == null ? Date.now() : f.mtime), y = dt.getFullYear() - 1980;
  if ((y < 0 || y > 119) && err(10), wbytes(d, b, y << 25 | dt.getMonth() + 1 << 21 | dt.getDate() << 16 | dt.getHours() << 11 | dt.getMinutes() << 5 | dt.getSeconds() >> 1), b += 4, c != -1 && (wbytes(d, b, f.crc), wbytes(d, b + 4, c < 0 ? -c - 2 : c), wbytes(d, b + 8, f.size)), wbytes(d, b + 12, fl2), wbytes(d, b + 14, exl), b += 16, ce != null && (wbytes(d, b, col), wbytes(d, b + 6, f.attrs), wbytes(d, b + 10, ce), b += 14), d.set(fn, b), b += fl2, exl)
    for (var k in ex) {
      var exf = ex[k], l = exf.length;
      wbytes(d, b, +k), wbytes(d, b + 2, l), d.set(exf, b + 4), b += 4 + l;
    }
  return col && (d.set(co, b), b += col), b;
}, wzf = function(o, b, c, d, e) {
  wbytes(o, b, 101010256), wbytes(o, b + 8, c), wbytes(o, b + 10, c), wbytes(o, b + 12, d), wbytes(o, b + 16, e);
};
function zipSync(data, opts) {
  opts || (opts = {});
  var r = {}, files = [];
  fltn(data, "", r, opts);
  var o = 0, tot = 0;
  for (var fn in r) {
    var _a2 = r[fn], file = _a2[0], p = _a2[1], compression = p.level == 0 ? 0 : 8, f = strToU8(fn), s = f.length, com = p.comment, m = com && strToU8(com), ms = m && m.length, exl = exfl(p.extra);
    s > 65535 && err(11);
    var d = compression ? deflateSync(file, p) : file, l = d.length, c = crc();
    c.p(file), files.push(mrg(p, {
      size: file.length,
      crc: c.d(),
      c: d,
      f,
      m,
      u: s != fn.length || m && com.length != ms,
      o,
      compression
    })), o += 30 + s + exl + l, tot += 76 + 2 * (s + exl) + (ms || 0) + l;
  }
  for (var out = new u8(tot + 22), oe = o, cdl = tot - o, i2 = 0; i2 < files.length; ++i2) {
    var f = files[i2];
    wzh(out, f.o, f, f.f, f.u, f.c.length);
    var badd = 30 + f.f.length + exfl(f.extra);
    out.set(f.c, f.o + badd), wzh(out, o, f, f.f, f.u, f.c.length, f.o, f.m), o += 16 + badd + (f.m ? f.m.length : 0);
  }
  return wzf(out, o, files.length, cdl, oe), out;
}
function unzipSync(data, opts) {
  for (var files = {}, e = data.length - 22; b4(data, e) != 101010256; --e)
    (!e || data.length - e > 65558) && err(13);
  var c = b2(data, e + 8);
  if (!c)
    return {};
  var o = b4(data, e + 16), z = b4(data, e - 20) == 117853008;
  if (z) {
    var ze = b4(data, e - 12);
    z = b4(data, ze) == 101075792, z && (c = b4(data, ze + 32), o = b4(data, ze + 48));
  }
  for (var fltr = opts && opts.filter, i2 = 0; i2 < c; ++i2) {
    var _a2 = zh(data, o, z), c_2 = _a2[0], sc = _a2[1], su = _a2[2], fn = _a2[3], no = _a2[4], off = _a2[5], b = slzh(data, off);
    o = no, (!fltr || fltr({
      name: fn,
      size: sc,
      originalSize: su,
      compression: c_2
    })) && (c_2 ? c_2 == 8 ? files[fn] = inflateSync(data.subarray(b, b + sc), { out: new u8(su) }) : err(14, "unknown compression type " + c_2) : files[fn] = slc(data, b, b + sc));
  }
  return files;
}

// packages/go-build/src/archive.ts
async function tarGz(entries, mtimeSeconds) {
  let tar = await reproducibleTar(
    await Promise.all(entries.map(async (e) => ({ path: e.name, mode: e.mode, data: await readFile(e.source) }))),
    mtimeSeconds
  );
  return gzipSync(tar, { level: 6, mtime: 0 });
}
var ZIP_MIN_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 2) / 1e3;
async function zip(entries, mtimeSeconds) {
  let utcMs = Math.max(mtimeSeconds, ZIP_MIN_EPOCH) * 1e3, localShifted = new Date(utcMs + new Date(utcMs).getTimezoneOffset() * 6e4), files = {}, sources = new Map(entries.map((e) => [e.name, e.source]));
  for (let item of withParents(entries.map((e) => ({ path: e.name, mode: e.mode })))) {
    let source = sources.get(item.path);
    files[item.path] = source === void 0 ? [new Uint8Array(0), { mtime: localShifted, os: 3, attrs: 16877 << 16 >>> 0, level: 0 }] : [await readFile(source), { mtime: localShifted, os: 3, attrs: (32768 | item.mode) << 16 >>> 0, level: 6 }];
  }
  return zipSync(files);
}
var ARCHIVE_LAYOUT = 2;
async function archiveKey(format, entries, mtimeSeconds, knownSha = /* @__PURE__ */ new Map()) {
  let parts = await Promise.all(entries.map(async (e) => [e.name, e.mode, knownSha.get(e.source) ?? await sha256File(e.source)]));
  return sha256(JSON.stringify({ layout: ARCHIVE_LAYOUT, format, mtimeSeconds, parts }));
}

// packages/go-build/src/build.ts
import { availableParallelism } from "node:os";
import { basename as basename2, isAbsolute as isAbsolute2, join as join7, relative as relative3, resolve as resolve3 } from "node:path";
import { writeFile } from "node:fs/promises";
var semver3 = __toESM(require_semver(), 1);

// packages/go-build/src/linkcache.ts
import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { basename, join } from "node:path";
var MAX_AGE_MS = 120 * 3600 * 1e3, TEMP_MAX_AGE_MS = 3600 * 1e3, TEMP_MARK = ".tmp-", KINDS = ["link", "archive"];
function dir(gocache, kind) {
  return join(gocache, "gantry", kind);
}
var isMissing = (err2) => err2.code === "ENOENT";
async function linkKey(job) {
  let args = ["list", "-trimpath", "-export", "-deps", "-f", "{{if .Export}}{{.Export}}{{end}}"];
  job.tags.length > 0 && args.push(`-tags=${job.tags.join(",")}`), args.push(...job.flags, job.main);
  let r = await exec(job.go, args, { cwd: job.moduleDir, env: job.env, allowFailure: !0 });
  if (r.code !== 0) return;
  let exports = r.stdout.split(`
`).filter(Boolean).map((p) => basename(p)), target = ["GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "CGO_ENABLED", "GOEXPERIMENT"].map(
    (k) => `${k}=${job.env[k] ?? ""}`
  );
  return sha256(JSON.stringify({ go: job.goVersion, target, ldflags: job.ldflags, tags: job.tags, flags: job.flags, main: job.main, exports }));
}
async function restoreKept(gocache, kind, key2, dest) {
  let file = join(dir(gocache, kind), key2.slice(0, 2), key2);
  try {
    await copyFile(file, dest);
  } catch (err2) {
    if (isMissing(err2)) return !1;
    throw err2;
  }
  let now = /* @__PURE__ */ new Date();
  return await utimes(file, now, now).catch(() => {
  }), !0;
}
async function keep(gocache, kind, key2, file) {
  let sub = join(dir(gocache, kind), key2.slice(0, 2));
  await mkdir(sub, { recursive: !0 }), await copyFileAtomic(file, join(sub, key2));
}
async function pruneKept(gocache, now = Date.now()) {
  let removed = 0;
  for (let kind of KINDS) {
    let root = dir(gocache, kind);
    for (let sub of await readdir(root).catch(() => []))
      for (let f of await readdir(join(root, sub)).catch(() => [])) {
        let p = join(root, sub, f), info = await stat(p).catch((err2) => {
          if (!isMissing(err2))
            throw err2;
        });
        if (!info?.isFile()) continue;
        let maxAge = f.includes(TEMP_MARK) ? TEMP_MAX_AGE_MS : MAX_AGE_MS;
        info.mtimeMs >= now - maxAge || (await rm(p, { force: !0 }), removed++);
      }
  }
  return removed;
}

// packages/go-build/src/cachekey.ts
import { readFile as readFile2 } from "node:fs/promises";
import { join as join2 } from "node:path";
async function goCachePlan(go, targets, cgo, moduleDir, env) {
  let sumFile = join2(moduleDir, "go.sum"), deps = await exists(sumFile) ? await readFile2(sumFile) : await readFile2(join2(moduleDir, "go.mod")), toolchain = `gantry-go-${`${env.RUNNER_OS ?? process.platform}-${env.RUNNER_ARCH ?? process.arch}`.toLowerCase()}-go${go.version}-cgo${cgo ? 1 : 0}`, targetSet = sha256(targets.map(formatTarget).sort().join(",")).slice(0, 12);
  return {
    paths: [go.gocache, go.gomodcache],
    key: `${toolchain}-${targetSet}-${sha256(deps).slice(0, 16)}`,
    restoreKeys: [`${toolchain}-${targetSet}-`, `${toolchain}-`]
  };
}

// packages/go-build/src/compile.ts
import { mkdir as mkdir2, stat as stat2 } from "node:fs/promises";
import { isAbsolute, join as join3, relative, resolve } from "node:path";

// packages/go-build/src/targets.ts
var semver = __toESM(require_semver(), 1), range = (prefix, from, to) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i2) => [`${prefix}${from + i2}`, `${prefix}${from + i2}`])), arm64Levels = Object.fromEntries(
  [...Array.from({ length: 10 }, (_, i2) => `v8.${i2}`), ...Array.from({ length: 6 }, (_, i2) => `v9.${i2}`)].map((v) => [v, v])
), VARIANTS = {
  arm: { env: "GOARM", values: { v5: "5", v6: "6", v7: "7" }, since: "1.0.0" },
  amd64: { env: "GOAMD64", values: range("v", 1, 4), since: "1.18.0" },
  arm64: { env: "GOARM64", values: arm64Levels, since: "1.23.0" },
  386: { env: "GO386", values: { sse2: "sse2", softfloat: "softfloat" }, since: "1.16.0" },
  mips: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mipsle: { env: "GOMIPS", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.10.0" },
  mips64: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  mips64le: { env: "GOMIPS64", values: { hardfloat: "hardfloat", softfloat: "softfloat" }, since: "1.11.0" },
  ppc64: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  ppc64le: { env: "GOPPC64", values: { power8: "power8", power9: "power9", power10: "power10" }, since: "1.20.0" },
  riscv64: { env: "GORISCV64", values: { rva20u64: "rva20u64", rva22u64: "rva22u64" }, since: "1.23.0" }
}, VARIANT_ENV_NAMES = [...new Set(Object.values(VARIANTS).map((r) => r.env))];
function resolveTargets(entries, distList, goVersion) {
  if (entries.length === 0) throw new InputError("targets", "", "accepted: one or more os/arch[/variant], e.g. linux/amd64,linux/arm64");
  let known = new Set(distList), seen = /* @__PURE__ */ new Set();
  return entries.map((entry) => {
    let t;
    try {
      t = parseTarget(entry);
    } catch {
      throw new InputError("targets", entry, `accepted: os/arch[/variant]; nearest valid: ${nearest(entry, distList).join(", ")}`);
    }
    let osArch = `${t.os}/${t.arch}`;
    if (!known.has(osArch))
      throw new InputError("targets", entry, `go ${goVersion} cannot build it (go tool dist list); nearest valid: ${nearest(osArch, distList).join(", ")}`);
    let key2 = formatTarget(t);
    if (seen.has(key2)) throw new InputError("targets", entry, "it is listed twice; list each target once");
    return seen.add(key2), { ...t, env: variantEnv(t, entry, goVersion) };
  });
}
function variantEnv(t, entry, goVersion) {
  if (!t.variant) return {};
  if (t.arch === "arm64" && t.variant === "v8") return {};
  let rule = VARIANTS[t.arch];
  if (!rule) throw new InputError("targets", entry, `${t.arch} takes no variant; write ${t.os}/${t.arch}`);
  let value = rule.values[t.variant];
  if (value === void 0) throw new InputError("targets", entry, `${t.arch} takes the variants ${Object.keys(rule.values).join(", ")}`);
  if (semver.lt(goVersion, rule.since))
    throw new InputError("targets", entry, `${rule.env} (the ${t.arch} variant) needs Go ${rule.since.replace(/\.0$/, "")} or newer; this is go ${goVersion}`);
  return { [rule.env]: value };
}

// packages/go-build/src/compile.ts
function goBuildArgs(job, output) {
  let args = ["build", "-trimpath", `-ldflags=${job.ldflags}`];
  return job.tags.length > 0 && args.push(`-tags=${job.tags.join(",")}`), args.push(...job.flags, "-o", output, job.main), args;
}
function goBuildEnv(job) {
  let env = { ...job.env };
  for (let name of VARIANT_ENV_NAMES) delete env[name];
  return { ...env, GOOS: job.target.os, GOARCH: job.target.arch, CGO_ENABLED: job.cgo ? "1" : "0", ...job.target.env };
}
function binaryPath(job) {
  return join3(job.outRoot, `${job.name}_${targetSlug(job.target)}`, `${job.name}${exeSuffix(job.target)}`);
}
var CompileError = class extends Error {
  constructor(target, firstError, output) {
    super(`${formatTarget(target)} failed to build: ${firstError}`);
    this.target = target;
    this.firstError = firstError;
    this.output = output;
  }
  target;
  firstError;
  output;
};
async function compile(job) {
  let started = performance.now(), out = binaryPath(job);
  await mkdir2(join3(out, ".."), { recursive: !0 });
  let env = goBuildEnv(job), cache = job.linkCache && !job.cgo ? { ...job.linkCache, go: job.go, moduleDir: job.moduleDir, main: job.main, ldflags: job.ldflags, tags: job.tags, flags: job.flags, env } : void 0;
  try {
    let key2 = cache ? await linkKey(cache) : void 0, reused = key2 !== void 0 && await restoreKept(cache?.gocache, "link", key2, out);
    reused || (await exec(job.go, goBuildArgs(job, out), { cwd: job.moduleDir, env }), key2 && await keep(cache?.gocache, "link", key2, out));
    let [info, sha] = await Promise.all([stat2(out), sha256File(out)]);
    return { target: job.target, path: out, size: info.size, sha256: sha, durationMs: performance.now() - started, reused };
  } catch (err2) {
    if (!(err2 instanceof ExecError)) throw err2;
    let output = err2.result.stderr || err2.result.stdout, first = output.split(`
`).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? `go build exited with ${err2.code}`;
    throw new CompileError(job.target, first.trim(), output);
  }
}
function compileAnnotations(output, moduleDir, workspace) {
  let found = [];
  for (let line of output.split(`
`)) {
    let m = /^(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m) continue;
    let file = relative(workspace, isAbsolute(m[1]) ? m[1] : resolve(moduleDir, m[1])).split("\\").join("/");
    found.push({ level: "error", title: "go build", file, line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}
async function compileAll(jobs, limit, reporter) {
  let built = [], failed = [], next = 0, done = 0, worker = async () => {
    for (; next < jobs.length && failed.length === 0; ) {
      let job = jobs[next++], label = formatTarget(job.target);
      try {
        let b = await compile(job);
        built.push(b), reporter.info(
          `[${++done}/${jobs.length}] ${label}: ${b.reused ? "unchanged, linked binary reused" : "built"} in ${formatDuration(b.durationMs)}, ${formatBytes(b.size)}`
        );
      } catch (err2) {
        if (!(err2 instanceof CompileError)) throw err2;
        failed.push(err2), reporter.info(`[${++done}/${jobs.length}] ${label}: FAILED`), await reporter.group(`go build output for ${label}`, async () => reporter.info(err2.output.trimEnd()));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  let order = new Map(jobs.map((j, i2) => [formatTarget(j.target), i2]));
  return built.sort((a, b) => (order.get(formatTarget(a.target)) ?? 0) - (order.get(formatTarget(b.target)) ?? 0)), { built, failed };
}

// packages/go-build/src/ldflags.ts
function fillTemplate(template, values, input) {
  return template.replace(/\{([a-z_-]*)\}/g, (_, key2) => {
    let v = values[key2];
    if (v === void 0)
      throw new InputError(
        input,
        template,
        `unknown placeholder {${key2}}; accepted: ${Object.keys(values).map((k) => `{${k}}`).join(", ")}`
      );
    return v;
  });
}
function quoteLdflagsWord(word, input) {
  if (/[\x00-\x1f\x7f]/.test(word)) throw new InputError(input, word, "control characters and newlines cannot be passed to -ldflags");
  if (!/[\s'"]/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('"')) return `"${word}"`;
  throw new InputError(input, word, "a value may hold single or double quotes, not both (Go's -ldflags quoting has no escapes)");
}
function parseXAssignments(lines) {
  return lines.map((line) => {
    let eq = line.indexOf("="), key2 = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!/^[\w./~-]+\.[A-Za-z_]\w*$/.test(key2))
      throw new InputError("x", line, "accepted: one importpath.name=value per line, e.g. main.buildUser={commit}");
    return { key: key2, template: line.slice(eq + 1) };
  });
}
function buildLdflags(o) {
  let words = o.strip ? ["-s", "-w"] : [];
  words.push("-buildid=");
  let stamps = [
    ["main.version", o.info.version, "version"],
    ["main.commit", o.info.commit, "version"],
    ["main.date", o.info.date, "version"]
  ];
  for (let { key: key2, template } of o.x) stamps.push([key2, fillTemplate(template, o.templateValues, "x"), "x"]);
  for (let [key2, value, input] of stamps) words.push("-X", quoteLdflagsWord(`${key2}=${value}`, input));
  return o.extra && words.push(o.extra), words.join(" ");
}

// packages/go-build/src/modcheck.ts
import { copyFile as copyFile2, mkdtemp, readFile as readFile3, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join5 } from "node:path";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    typeof options == "function" ? (callback = options, options = {}) : "callback" in options && (callback = options.callback);
    let oldString = this.castInput(oldStr, options), newString = this.castInput(newStr, options), oldTokens = this.removeEmpty(this.tokenize(oldString, options)), newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a2;
    let done = (value) => {
      if (value = this.postProcess(value, options), callback) {
        setTimeout(function() {
          callback(value);
        }, 0);
        return;
      } else
        return value;
    }, newLen = newTokens.length, oldLen = oldTokens.length, editLength = 1, maxEditLength = newLen + oldLen;
    options.maxEditLength != null && (maxEditLength = Math.min(maxEditLength, options.maxEditLength));
    let maxExecutionTime = (_a2 = options.timeout) !== null && _a2 !== void 0 ? _a2 : 1 / 0, abortAfterTimestamp = Date.now() + maxExecutionTime, bestPath = [{ oldPos: -1, lastComponent: void 0 }], newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
    if (bestPath[0].oldPos + 1 >= oldLen && newPos + 1 >= newLen)
      return done(this.buildValues(bestPath[0].lastComponent, newTokens, oldTokens));
    let minDiagonalToConsider = -1 / 0, maxDiagonalToConsider = 1 / 0, execEditLength = () => {
      for (let diagonalPath = Math.max(minDiagonalToConsider, -editLength); diagonalPath <= Math.min(maxDiagonalToConsider, editLength); diagonalPath += 2) {
        let basePath, removePath = bestPath[diagonalPath - 1], addPath = bestPath[diagonalPath + 1];
        removePath && (bestPath[diagonalPath - 1] = void 0);
        let canAdd = !1;
        if (addPath) {
          let addPathNewPos = addPath.oldPos - diagonalPath;
          canAdd = addPath && 0 <= addPathNewPos && addPathNewPos < newLen;
        }
        let canRemove = removePath && removePath.oldPos + 1 < oldLen;
        if (!canAdd && !canRemove) {
          bestPath[diagonalPath] = void 0;
          continue;
        }
        if (!canRemove || canAdd && removePath.oldPos < addPath.oldPos ? basePath = this.addToPath(addPath, !0, !1, 0, options) : basePath = this.addToPath(removePath, !1, !0, 1, options), newPos = this.extractCommon(basePath, newTokens, oldTokens, diagonalPath, options), basePath.oldPos + 1 >= oldLen && newPos + 1 >= newLen)
          return done(this.buildValues(basePath.lastComponent, newTokens, oldTokens)) || !0;
        bestPath[diagonalPath] = basePath, basePath.oldPos + 1 >= oldLen && (maxDiagonalToConsider = Math.min(maxDiagonalToConsider, diagonalPath - 1)), newPos + 1 >= newLen && (minDiagonalToConsider = Math.max(minDiagonalToConsider, diagonalPath + 1));
      }
      editLength++;
    };
    if (callback)
      (function exec2() {
        setTimeout(function() {
          if (editLength > maxEditLength || Date.now() > abortAfterTimestamp)
            return callback(void 0);
          execEditLength() || exec2();
        }, 0);
      })();
    else
      for (; editLength <= maxEditLength && Date.now() <= abortAfterTimestamp; ) {
        let ret = execEditLength();
        if (ret)
          return ret;
      }
  }
  addToPath(path, added, removed, oldPosInc, options) {
    let last = path.lastComponent;
    return last && !options.oneChangePerToken && last.added === added && last.removed === removed ? {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: last.count + 1, added, removed, previousComponent: last.previousComponent }
    } : {
      oldPos: path.oldPos + oldPosInc,
      lastComponent: { count: 1, added, removed, previousComponent: last }
    };
  }
  extractCommon(basePath, newTokens, oldTokens, diagonalPath, options) {
    let newLen = newTokens.length, oldLen = oldTokens.length, oldPos = basePath.oldPos, newPos = oldPos - diagonalPath, commonCount = 0;
    for (; newPos + 1 < newLen && oldPos + 1 < oldLen && this.equals(oldTokens[oldPos + 1], newTokens[newPos + 1], options); )
      newPos++, oldPos++, commonCount++, options.oneChangePerToken && (basePath.lastComponent = { count: 1, previousComponent: basePath.lastComponent, added: !1, removed: !1 });
    return commonCount && !options.oneChangePerToken && (basePath.lastComponent = { count: commonCount, previousComponent: basePath.lastComponent, added: !1, removed: !1 }), basePath.oldPos = oldPos, newPos;
  }
  equals(left, right, options) {
    return options.comparator ? options.comparator(left, right) : left === right || !!options.ignoreCase && left.toLowerCase() === right.toLowerCase();
  }
  removeEmpty(array) {
    let ret = [];
    for (let i2 = 0; i2 < array.length; i2++)
      array[i2] && ret.push(array[i2]);
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value, options) {
    return value;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value, options) {
    return Array.from(value);
  }
  join(chars) {
    return chars.join("");
  }
  postProcess(changeObjects, options) {
    return changeObjects;
  }
  get useLongestToken() {
    return !1;
  }
  buildValues(lastComponent, newTokens, oldTokens) {
    let components = [], nextComponent;
    for (; lastComponent; )
      components.push(lastComponent), nextComponent = lastComponent.previousComponent, delete lastComponent.previousComponent, lastComponent = nextComponent;
    components.reverse();
    let componentLen = components.length, componentPos = 0, newPos = 0, oldPos = 0;
    for (; componentPos < componentLen; componentPos++) {
      let component = components[componentPos];
      if (component.removed)
        component.value = this.join(oldTokens.slice(oldPos, oldPos + component.count)), oldPos += component.count;
      else {
        if (!component.added && this.useLongestToken) {
          let value = newTokens.slice(newPos, newPos + component.count);
          value = value.map(function(value2, i2) {
            let oldValue = oldTokens[oldPos + i2];
            return oldValue.length > value2.length ? oldValue : value2;
          }), component.value = this.join(value);
        } else
          component.value = this.join(newTokens.slice(newPos, newPos + component.count));
        newPos += component.count, component.added || (oldPos += component.count);
      }
    }
    return components;
  }
};

// node_modules/diff/libesm/diff/line.js
var LineDiff = class extends Diff {
  constructor() {
    super(...arguments), this.tokenize = tokenize;
  }
  equals(left, right, options) {
    return options.ignoreWhitespace ? ((!options.newlineIsToken || !left.includes(`
`)) && (left = left.trim()), (!options.newlineIsToken || !right.includes(`
`)) && (right = right.trim())) : options.ignoreNewlineAtEof && !options.newlineIsToken && (left.endsWith(`
`) && (left = left.slice(0, -1)), right.endsWith(`
`) && (right = right.slice(0, -1))), super.equals(left, right, options);
  }
}, lineDiff = new LineDiff();
function diffLines(oldStr, newStr, options) {
  return lineDiff.diff(oldStr, newStr, options);
}
function tokenize(value, options) {
  options.stripTrailingCr && (value = value.replace(/\r\n/g, `
`));
  let retLines = [], linesAndNewlines = value.split(/(\n|\r\n)/);
  linesAndNewlines[linesAndNewlines.length - 1] || linesAndNewlines.pop();
  for (let i2 = 0; i2 < linesAndNewlines.length; i2++) {
    let line = linesAndNewlines[i2];
    i2 % 2 && !options.newlineIsToken ? retLines[retLines.length - 1] += line : retLines.push(line);
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i2 = 0; i2 < s.length; i2++)
    if (s[i2] < " " || s[i2] > "~" || s[i2] === '"' || s[i2] === "\\")
      return !0;
  return !1;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s))
    return s;
  let result = '"', bytes = new TextEncoder().encode(s), i2 = 0;
  for (; i2 < bytes.length; ) {
    let b = bytes[i2];
    b === 7 ? result += "\\a" : b === 8 ? result += "\\b" : b === 9 ? result += "\\t" : b === 10 ? result += "\\n" : b === 11 ? result += "\\v" : b === 12 ? result += "\\f" : b === 13 ? result += "\\r" : b === 34 ? result += '\\"' : b === 92 ? result += "\\\\" : b >= 32 && b <= 126 ? result += String.fromCharCode(b) : result += "\\" + b.toString(8).padStart(3, "0"), i2++;
  }
  return result += '"', result;
}
var INCLUDE_HEADERS = {
  includeIndex: !0,
  includeUnderline: !0,
  includeFileHeaders: !0
};
function structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  let optionsObj;
  options ? typeof options == "function" ? optionsObj = { callback: options } : optionsObj = options : optionsObj = {}, typeof optionsObj.context > "u" && (optionsObj.context = 4);
  let context = optionsObj.context;
  if (optionsObj.newlineIsToken)
    throw new Error("newlineIsToken may not be used with patch-generation functions, only with diffing functions");
  if (optionsObj.callback) {
    let { callback } = optionsObj;
    diffLines(oldStr, newStr, Object.assign(Object.assign({}, optionsObj), { callback: (diff) => {
      let patch = diffLinesResultToPatch(diff);
      callback(patch);
    } }));
  } else
    return diffLinesResultToPatch(diffLines(oldStr, newStr, optionsObj));
  function diffLinesResultToPatch(diff) {
    if (!diff)
      return;
    diff.push({ value: "", lines: [] });
    function contextLines(lines) {
      return lines.map(function(entry) {
        return " " + entry;
      });
    }
    let hunks = [], oldRangeStart = 0, newRangeStart = 0, curRange = [], oldLine = 1, newLine = 1;
    for (let i2 = 0; i2 < diff.length; i2++) {
      let current = diff[i2], lines = current.lines || splitLines(current.value);
      if (current.lines = lines, current.added || current.removed) {
        if (!oldRangeStart) {
          let prev = diff[i2 - 1];
          oldRangeStart = oldLine, newRangeStart = newLine, prev && (curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [], oldRangeStart -= curRange.length, newRangeStart -= curRange.length);
        }
        for (let line of lines)
          curRange.push((current.added ? "+" : "-") + line);
        current.added ? newLine += lines.length : oldLine += lines.length;
      } else {
        if (oldRangeStart)
          if (lines.length <= context * 2 && i2 < diff.length - 2)
            for (let line of contextLines(lines))
              curRange.push(line);
          else {
            let contextSize = Math.min(lines.length, context);
            for (let line of contextLines(lines.slice(0, contextSize)))
              curRange.push(line);
            let hunk = {
              oldStart: oldRangeStart,
              oldLines: oldLine - oldRangeStart + contextSize,
              newStart: newRangeStart,
              newLines: newLine - newRangeStart + contextSize,
              lines: curRange
            };
            hunks.push(hunk), oldRangeStart = 0, newRangeStart = 0, curRange = [];
          }
        oldLine += lines.length, newLine += lines.length;
      }
    }
    for (let hunk of hunks)
      for (let i2 = 0; i2 < hunk.lines.length; i2++)
        hunk.lines[i2].endsWith(`
`) ? hunk.lines[i2] = hunk.lines[i2].slice(0, -1) : (hunk.lines.splice(i2 + 1, 0, "\\ No newline at end of file"), i2++);
    return {
      oldFileName,
      newFileName,
      oldHeader,
      newHeader,
      hunks
    };
  }
}
function formatPatch(patch, headerOptions) {
  var _a2, _b2, _c, _d, _e, _f;
  if (headerOptions || (headerOptions = INCLUDE_HEADERS), Array.isArray(patch)) {
    if (patch.length > 1 && !headerOptions.includeFileHeaders && !patch.every((p) => p.isGit))
      throw new Error("Cannot omit file headers on a multi-file patch. (The result would be unparseable; how would a tool trying to apply the patch know which changes are to which file?)");
    return patch.map((p) => formatPatch(p, headerOptions)).join(`
`);
  }
  let ret = [];
  if (patch.isGit) {
    if (headerOptions = INCLUDE_HEADERS, !patch.oldFileName)
      throw new Error("oldFileName must be specified for Git patches");
    if (!patch.newFileName)
      throw new Error("newFileName must be specified for Git patches");
    let gitOldName = patch.oldFileName, gitNewName = patch.newFileName;
    patch.isCreate && gitOldName === "/dev/null" ? gitOldName = gitNewName.replace(/^b\//, "a/") : patch.isDelete && gitNewName === "/dev/null" && (gitNewName = gitOldName.replace(/^a\//, "b/")), ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName)), patch.isDelete && ret.push("deleted file mode " + ((_a2 = patch.oldMode) !== null && _a2 !== void 0 ? _a2 : "100644")), patch.isCreate && ret.push("new file mode " + ((_b2 = patch.newMode) !== null && _b2 !== void 0 ? _b2 : "100644")), patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate && (ret.push("old mode " + patch.oldMode), ret.push("new mode " + patch.newMode)), patch.isRename && (ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, ""))), ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")))), patch.isCopy && (ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, ""))), ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, ""))));
  } else
    headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0 && ret.push("Index: " + patch.oldFileName), headerOptions.includeUnderline && ret.push("===================================================================");
  let hasHunks = patch.hunks.length > 0;
  headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks) && (ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : "")), ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : "")));
  for (let i2 = 0; i2 < patch.hunks.length; i2++) {
    let hunk = patch.hunks[i2], oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart, newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    ret.push("@@ -" + oldStart + "," + hunk.oldLines + " +" + newStart + "," + hunk.newLines + " @@");
    for (let line of hunk.lines)
      ret.push(line);
  }
  return ret.join(`
`) + `
`;
}
function createTwoFilesPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options) {
  if (typeof options == "function" && (options = { callback: options }), options?.callback) {
    let { callback } = options;
    structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, Object.assign(Object.assign({}, options), { callback: (patchObj) => {
      callback(patchObj ? formatPatch(patchObj, options.headerOptions) : void 0);
    } }));
  } else {
    let patchObj = structuredPatch(oldFileName, newFileName, oldStr, newStr, oldHeader, newHeader, options);
    return patchObj ? formatPatch(patchObj, options?.headerOptions) : void 0;
  }
}
function splitLines(text) {
  let hasTrailingNl = text.endsWith(`
`), result = text.split(`
`).map((line) => line + `
`);
  return hasTrailingNl ? result.pop() : result.push(result.pop().slice(0, -1)), result;
}

// packages/go-build/src/modcheck.ts
var semver2 = __toESM(require_semver(), 1);

// packages/go-build/src/modules.ts
import { join as join4 } from "node:path";
var DEFAULT_GOPROXY = "https://proxy.golang.org,direct", DEFAULT_GOSUMDB = "sum.golang.org", NETWORK = /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|network is unreachable|Client\.Timeout/;
function shownProxy(value) {
  return value.split(/([,|])/).map((p) => /^[a-z]+:\/\//i.test(p) ? redactUrl(p).replace(/\/$/, p.endsWith("/") ? "/" : "") : p).join("");
}
function moduleIn(output) {
  return /([\w.~-]+\.[\w.~-]+(?:\/[\w.~-]+)*)@(v[\w.+-]+)/.exec(output)?.slice(1, 3).join("@");
}
function explainModuleFailure(output, env) {
  if (!NETWORK.test(output)) return;
  let module = moduleIn(output), tail = lastLines(output, 3);
  if (/verifying (module|go\.mod)|sumdb|checksum database/.test(output)) {
    let prefix = module?.split("/").slice(0, 2).join("/") ?? "example.com/private";
    return [
      `the checksum database (GOSUMDB=${env.GOSUMDB || DEFAULT_GOSUMDB}) could not be reached to check ${module ?? "a module"}, whose checksum go.sum does not hold:`,
      tail,
      "go.sum is missing checksums: run `go mod tidy` where the database is reachable and commit go.sum (a complete go.sum needs no database).",
      `For private modules set GONOSUMDB (or GOPRIVATE) to their path patterns, e.g. GONOSUMDB=${prefix}; GOSUMDB=off turns the check off for every module.`,
      "GOFLAGS=-mod=mod does not help: it lets go change go.mod, it does not skip the checksum."
    ].join(`
`);
  }
  return [
    `the module proxy (GOPROXY=${shownProxy(env.GOPROXY || DEFAULT_GOPROXY)}) could not be reached to download ${module ?? "a module"}:`,
    tail,
    "On a runner without the network: restore GOMODCACHE first (go-build's cache: true does, keyed by go.sum), vendor the modules (`go mod vendor`, then GOFLAGS=-mod=vendor), or set GOPROXY to a mirror this runner reaches."
  ].join(`
`);
}
function moduleCommandError(what, err2, env) {
  if (!(err2 instanceof ExecError)) return err2;
  let output = `${err2.result.stderr}
${err2.result.stdout}`.trim(), why = explainModuleFailure(output, env);
  return new GantryError(`${what} failed: ${why ?? lastLines(output, 15)}`);
}
async function vendored(moduleDir, env) {
  return /(^|\s)-mod=vendor\b/.test(env.GOFLAGS ?? "") ? !0 : !/(^|\s)-mod=mod\b/.test(env.GOFLAGS ?? "") && await exists(join4(moduleDir, "vendor", "modules.txt"));
}
async function downloadModules(go, moduleDir, env, reporter) {
  if (!await exists(join4(moduleDir, "go.sum"))) return reporter.info("modules: no go.sum, so no module to download");
  if (await vendored(moduleDir, env)) return reporter.info("modules: vendored (vendor/modules.txt); nothing to download");
  let started = performance.now();
  try {
    await exec(go, ["mod", "download"], { cwd: moduleDir, env, timeoutMs: 6e5 });
  } catch (err2) {
    throw moduleCommandError("go mod download", err2, env);
  }
  reporter.info(`modules: go mod download, once for every target, took ${formatDuration(performance.now() - started)}`);
}

// packages/go-build/src/modcheck.ts
async function readOr(path, fallback) {
  return await exists(path) ? readFile3(path, "utf8") : fallback;
}
function untidy(patches) {
  return new GantryError(`go.mod/go.sum are not tidy: \`go mod tidy\` would make these changes (commit them, or set mod-check: off):
${patches}`);
}
async function tidyDiff(go, moduleDir, env) {
  let r = await exec(go, ["mod", "tidy", "-diff"], { cwd: moduleDir, env, timeoutMs: 3e5, allowFailure: !0 });
  if (r.code !== 0)
    throw r.stdout.trim() !== "" ? untidy(r.stdout.trimEnd()) : moduleCommandError("go mod tidy -diff (mod-check: verify; set mod-check: off to skip)", new ExecError(r), env);
}
async function tidyOnCopies(go, moduleDir, env) {
  let tmp = await mkdtemp(join5(tmpdir(), "gantry-tidy-"));
  try {
    let modPath = join5(moduleDir, "go.mod"), sumPath = join5(moduleDir, "go.sum");
    await copyFile2(modPath, join5(tmp, "go.mod")), await exists(sumPath) && await copyFile2(sumPath, join5(tmp, "go.sum"));
    try {
      await exec(go, ["mod", "tidy", `-modfile=${join5(tmp, "go.mod")}`], { cwd: moduleDir, env, timeoutMs: 3e5 });
    } catch (err2) {
      throw moduleCommandError("go mod tidy (mod-check: verify; set mod-check: off to skip)", err2, env);
    }
    let patches = [];
    for (let [name, path] of [
      ["go.mod", modPath],
      ["go.sum", sumPath]
    ]) {
      let before = await readOr(path, ""), after = await readOr(join5(tmp, name), "");
      before !== after && patches.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { context: 2 }));
    }
    if (patches.length > 0) throw untidy(patches.join(`
`));
  } finally {
    await rm2(tmp, { recursive: !0, force: !0 });
  }
}
async function checkModule(go, goVersion, moduleDir, env, reporter) {
  try {
    await exec(go, ["mod", "verify"], { cwd: moduleDir, env, timeoutMs: 3e5 });
  } catch (err2) {
    throw moduleCommandError(`go mod verify in ${moduleDir}`, err2, env);
  }
  let diff = semver2.gte(semver2.coerce(goVersion) ?? "0.0.0", "1.23.0");
  await (diff ? tidyDiff(go, moduleDir, env) : tidyOnCopies(go, moduleDir, env)), reporter?.info(`mod-check: go mod verify passed and go mod tidy${diff ? " -diff" : " (on copies)"} would change nothing`);
}

// packages/go-build/src/outdir.ts
import { mkdir as mkdir3, mkdtemp as mkdtemp2, readdir as readdir2, rename, rm as rm3 } from "node:fs/promises";
import { dirname, join as join6, relative as relative2, resolve as resolve2 } from "node:path";
async function previousOutputs(outDir) {
  let manifestPath = join6(outDir, MANIFEST_FILE);
  if (!await exists(manifestPath)) return [];
  try {
    let m = await readManifest(manifestPath), files = /* @__PURE__ */ new Set([manifestPath]);
    m.checksums && files.add(resolveInManifest(manifestPath, m.checksums));
    for (let a of m.artifacts) {
      let bin = resolveInManifest(manifestPath, a.path);
      files.add(dirname(bin) === resolve2(outDir) ? bin : dirname(bin)), a.archive && files.add(resolveInManifest(manifestPath, a.archive));
    }
    return [...files].filter((f) => !relative2(resolve2(outDir), f).startsWith("..") && resolve2(f) !== resolve2(outDir));
  } catch {
    return [manifestPath];
  }
}
var OutDir = class _OutDir {
  constructor(dir2, staging) {
    this.dir = dir2;
    this.staging = staging;
  }
  dir;
  staging;
  static async open(dir2) {
    return await mkdir3(dir2, { recursive: !0 }), new _OutDir(dir2, await mkdtemp2(join6(dir2, ".gantry-staging-")));
  }
  /** Path in the staging folder for a name relative to out-dir. */
  staged(name) {
    return join6(this.staging, name);
  }
  async commit() {
    for (let f of await previousOutputs(this.dir)) await rm3(f, { recursive: !0, force: !0 });
    let names = await readdir2(this.staging);
    names.sort((a, b) => +(a === MANIFEST_FILE) - +(b === MANIFEST_FILE));
    for (let n of names)
      await rm3(join6(this.dir, n), { recursive: !0, force: !0 }), await rename(join6(this.staging, n), join6(this.dir, n));
    await rm3(this.staging, { recursive: !0, force: !0 });
  }
  async abandon() {
    let removed = await previousOutputs(this.dir);
    for (let f of removed) await rm3(f, { recursive: !0, force: !0 });
    return await rm3(this.staging, { recursive: !0, force: !0 }), removed;
  }
};

// packages/go-build/src/version.ts
async function git(cwd, args) {
  try {
    let { stdout } = await exec("git", args, { cwd, timeoutMs: 1e4 });
    return stdout.trim() || void 0;
  } catch {
    return;
  }
}
async function detectBuildInfo(cwd, explicitVersion, env) {
  let ref2 = env.GITHUB_REF ?? "", [described, head, commitTime] = await Promise.all([
    explicitVersion || ref2.startsWith("refs/tags/") ? void 0 : git(cwd, ["describe", "--tags", "--always", "--dirty"]),
    env.GITHUB_SHA ? void 0 : git(cwd, ["rev-parse", "HEAD"]),
    git(cwd, ["log", "-1", "--format=%ct"])
  ]), version = explicitVersion || (ref2.startsWith("refs/tags/") ? ref2.slice(10) : described) || "0.0.0-dev", commit = env.GITHUB_SHA || head || "none", sde = env.SOURCE_DATE_EPOCH?.trim(), epoch = 0, dateSource = "none";
  return sde && /^\d+$/.test(sde) ? (epoch = Number(sde), dateSource = "SOURCE_DATE_EPOCH") : commitTime && /^\d+$/.test(commitTime) && (epoch = Number(commitTime), dateSource = "commit"), { version, commit, date: new Date(epoch * 1e3).toISOString().replace(".000Z", "Z"), epoch, dateSource };
}

// packages/go-build/src/build.ts
function defaultParallelism(cpus = availableParallelism()) {
  return Math.max(1, Math.floor(cpus / 2));
}
async function resolveToolchain(inputs, ctx) {
  let spec = inputs.goVersion ? goVersionRange(inputs.goVersion) : inputs.goVersionFile ? goVersionRange(await goVersionFromFile(inputs.goVersionFile), "go-version-file") : void 0;
  return resolveGo(spec, inputs.goDownloadBaseUrl, ctx.reporter);
}
async function moduleInfo(go, inputs, env) {
  let goMod = join7(inputs.workingDirectory, "go.mod");
  if (!await exists(inputs.workingDirectory)) throw new InputError("working-directory", inputs.workingDirectory, "the folder does not exist");
  if (!await exists(goMod))
    throw new GantryError(`no go.mod in ${inputs.workingDirectory}: go-build needs a Go module there (run \`go mod init\`, or set working-directory)`);
  let wants = await moduleGoDirective(goMod);
  if (wants && semver3.lt(go.version, wants))
    throw new GantryError(
      `go.mod asks for go ${wants} but the go in use is ${go.version}; set go-version: ${wants.replace(/\.0$/, "")} (or go-version-file: go.mod) to install it`
    );
  let r = await exec(go.go, ["list", "-find", "-f", "{{.Module.Path}}	{{.Name}}", inputs.main], {
    cwd: inputs.workingDirectory,
    env,
    allowFailure: !0
  });
  if (r.code !== 0)
    throw new InputError("main", inputs.main, `it is not a package of the module in ${inputs.workingDirectory}: ${r.stderr.trim().split(`
`)[0]}`);
  let [modulePath = "", packageName = ""] = r.stdout.trim().split("	");
  if (packageName !== "main")
    throw new InputError("main", inputs.main, `it is package ${packageName}, not a main package; point main at the command, e.g. ./cmd/server`);
  return { modulePath, packageName };
}
function archiveFormat(inputs, t) {
  if (inputs.archive !== "none")
    return inputs.archive === "auto" ? t.os === "windows" ? "zip" : "tar.gz" : inputs.archive;
}
async function extraFiles(inputs) {
  let entries = [];
  for (let f of inputs.files) {
    let source = isAbsolute2(f) ? f : resolve3(inputs.workingDirectory, f);
    if (!await exists(source))
      throw new InputError("files", f, `no such file in ${inputs.workingDirectory}; list files to put beside the binary, e.g. LICENSE, README.md`);
    let rel = relative3(inputs.workingDirectory, source).split("\\").join("/");
    entries.push({ name: rel.startsWith("..") ? basename2(source) : rel, source, mode: 420 });
  }
  return entries;
}
async function goBuild(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, env = { ...ctx.env }, go = await resolveToolchain(inputs, ctx), [{ stdout: dist }, mod, info] = await Promise.all([
    exec(go.go, ["tool", "dist", "list"], { env }),
    moduleInfo(go, inputs, env),
    detectBuildInfo(inputs.workingDirectory, inputs.version, env)
  ]), targets = resolveTargets(inputs.targets, dist.split(`
`).filter(Boolean), go.version), name = inputs.name || (inputs.main === "." ? mod.modulePath.split("/").pop() : basename2(inputs.main)), xs = parseXAssignments(inputs.x), extras = await extraFiles(inputs);
  info.dateSource === "none" && reporter.notice(
    "no commit time (not a git checkout?) and no SOURCE_DATE_EPOCH: build date and archive times set to 1970-01-01 so the output stays reproducible"
  );
  let templateFor = (t) => ({
    name,
    version: info.version,
    commit: info.commit,
    short_commit: info.commit.slice(0, 7),
    date: info.date,
    os: t.os,
    arch: t.arch,
    variant: t.variant,
    target: formatTarget(t)
  }), ldflags = new Map(targets.map((t) => [t, buildLdflags({ strip: inputs.strip, info, x: xs, templateValues: templateFor(t), extra: inputs.ldflags })])), archiveNames = /* @__PURE__ */ new Map();
  for (let t of targets) {
    let fmt = archiveFormat(inputs, t);
    if (!fmt) continue;
    let base = fillTemplate(inputs.archiveName, templateFor(t), "archive-name");
    if (!/^[A-Za-z0-9._+~-]+$/.test(base))
      throw new InputError(
        inputs.version ? "version" : "archive-name",
        inputs.version || inputs.archiveName,
        `it makes the archive name ${JSON.stringify(base)}; file names may hold letters, digits and . _ + ~ - only`
      );
    let file = `${base}.${fmt}`;
    if ([...archiveNames.values()].includes(file))
      throw new InputError("archive-name", inputs.archiveName, `two targets get the same archive name ${file}; include {os}, {arch} and {variant}`);
    archiveNames.set(t, file);
  }
  reporter.info(`go ${go.version}: building ${name} ${info.version} (${info.commit.slice(0, 12)}, ${info.date}) for ${targets.map(formatTarget).join(", ")}`);
  let cacheHit = !1;
  inputs.cache && (cacheHit = (await restoreCache(await goCachePlan(go, targets, inputs.cgo, inputs.workingDirectory, env), reporter, ctx.state)).hit), await downloadModules(go.go, inputs.workingDirectory, env, reporter), inputs.modCheck === "verify" && await checkModule(go.go, go.version, inputs.workingDirectory, env, reporter);
  let out = await OutDir.open(inputs.outDir);
  try {
    let jobs = targets.map((target) => ({
      go: go.go,
      linkCache: { goVersion: go.version, gocache: go.gocache },
      moduleDir: inputs.workingDirectory,
      main: inputs.main,
      name,
      target,
      ldflags: ldflags.get(target),
      tags: inputs.tags,
      flags: inputs.flags,
      cgo: inputs.cgo,
      outRoot: out.staging,
      env
    })), { built, failed } = await compileAll(jobs, inputs.parallel || defaultParallelism(), reporter);
    if (failed.length > 0) {
      let seen = /* @__PURE__ */ new Set();
      for (let f of failed)
        for (let a of compileAnnotations(f.output, inputs.workingDirectory, ctx.cwd)) {
          let key2 = `${a.file}:${a.line}:${a.col}:${a.message}`;
          seen.has(key2) || reporter.annotate({ ...a, title: `go build (${formatTarget(f.target)})` }), seen.add(key2);
        }
      throw new GantryError(failed.map((f) => f.message).join(`
`));
    }
    let goMs = built.reduce((s, b) => s + b.durationMs, 0), manifestStaged = out.staged(MANIFEST_FILE), rel = (p) => relative3(out.staging, p).split("\\").join("/"), artifacts = await Promise.all(built.map(async (b) => toArtifact(b, name, archiveNames.get(b.target), extras, info, out, rel, go.gocache)));
    await pruneKept(go.gocache).catch((err2) => reporter.info(`could not prune old links and archives kept in ${go.gocache}: ${err2}`));
    let checksumsName;
    if (inputs.checksums) {
      checksumsName = "checksums.txt";
      let lines = artifacts.map((a) => a.archive ? `${a["archive-sha256"]}  ${a.archive}` : `${a.sha256}  ${a.path}`).sort((x2, y) => x2.slice(66) < y.slice(66) ? -1 : 1);
      await writeFile(out.staged(checksumsName), `${lines.join(`
`)}
`);
    }
    let manifest = {
      schema: 1,
      project: name,
      version: info.version,
      commit: info.commit,
      date: info.date,
      go: go.version,
      artifacts,
      ...checksumsName ? { checksums: checksumsName } : {}
    };
    return await writeManifest(manifestStaged, manifest), await out.commit(), {
      manifestPath: join7(inputs.outDir, MANIFEST_FILE),
      manifest,
      checksumsPath: checksumsName ? join7(inputs.outDir, checksumsName) : void 0,
      artifacts: artifacts.map((a, i2) => ({ ...a, absolutePath: join7(inputs.outDir, a.path), buildMs: built[i2].durationMs })),
      info,
      go,
      cacheHit,
      timing: { totalMs: performance.now() - started, goMs }
    };
  } catch (err2) {
    let removed = await out.abandon();
    throw removed.length > 0 && reporter.info(
      `out-dir: removed the previous run's outputs (${removed.map((f) => relative3(inputs.outDir, f)).join(", ")}) so nothing stale looks current`
    ), err2;
  }
}
async function toArtifact(b, name, archiveName, extras, info, out, rel, gocache) {
  let artifact = {
    name,
    target: formatTarget(b.target),
    os: b.target.os,
    arch: b.target.arch,
    variant: b.target.variant,
    path: rel(b.path),
    size: b.size,
    sha256: b.sha256
  };
  if (archiveName) {
    let format = archiveName.endsWith(".zip") ? "zip" : "tar.gz", entries = [{ name: basename2(b.path), source: b.path, mode: 493 }, ...extras], dest = out.staged(archiveName), key2 = await archiveKey(format, entries, info.epoch, /* @__PURE__ */ new Map([[b.path, b.sha256]]));
    await restoreKept(gocache, "archive", key2, dest) || (await writeFile(dest, format === "zip" ? await zip(entries, info.epoch) : await tarGz(entries, info.epoch)), await keep(gocache, "archive", key2, dest)), artifact.archive = archiveName, artifact["archive-sha256"] = await sha256File(dest);
  }
  return artifact;
}

// packages/go-build/src/inputs.ts
import { isAbsolute as isAbsolute3, resolve as resolve4 } from "node:path";
var GO_BUILD_INPUTS = {
  "working-directory": ".",
  main: ".",
  name: "",
  targets: "linux/amd64,linux/arm64",
  version: "",
  ldflags: "",
  x: "",
  tags: "",
  flags: "",
  cgo: "false",
  strip: "true",
  upx: "false",
  "mod-check": "verify",
  archive: "auto",
  "archive-name": "{name}_{version}_{os}_{arch}{variant}",
  files: "",
  checksums: "true",
  "out-dir": "dist",
  cache: "true",
  "go-version": "",
  "go-version-file": "",
  "go-download-base-url": "https://go.dev/dl",
  parallel: "auto"
}, FLAG = /^--?[a-z][a-z0-9-]*(=.*)?$/, OWNED_FLAGS = /* @__PURE__ */ new Set(["o", "ldflags", "tags", "trimpath"]);
function parseGoBuildInputs(read, cwd) {
  let abs = (p) => isAbsolute3(p) ? p : resolve4(cwd, p), workingDirectory = abs(read.string("working-directory") || "."), main = read.string("main") || ".";
  if (main.startsWith("-") || /\s/.test(main)) throw new InputError("main", main, "accepted: a package path such as . or ./cmd/server");
  let name = read.string("name");
  if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError("name", name, "accepted: letters, digits, '.', '_' and '-'");
  let tags = splitList(read.string("tags").replace(/\s+/g, ","));
  for (let t of tags) if (!/^!?[A-Za-z0-9_.]+$/.test(t)) throw new InputError("tags", t, "accepted: build tags made of letters, digits, '_' and '.'");
  let flags = read.lines("flags");
  for (let f of flags) {
    if (!FLAG.test(f)) throw new InputError("flags", f, "accepted: one go build flag per line, e.g. -race or -gcflags=all=-N");
    let flagName = f.replace(/^--?/, "").split("=")[0];
    if (OWNED_FLAGS.has(flagName)) throw new InputError("flags", f, `-${flagName} is set by go-build; use its own input (out-dir, ldflags, tags)`);
  }
  let parallel = read.string("parallel") === "auto" ? 0 : read.int("parallel", 1, 64), baseUrl = read.string("go-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("go-download-base-url", baseUrl, "accepted: an http(s) URL");
  return {
    workingDirectory,
    main,
    name,
    targets: read.list("targets"),
    version: read.string("version"),
    ldflags: read.string("ldflags"),
    x: read.lines("x"),
    tags,
    flags,
    cgo: read.bool("cgo"),
    strip: read.bool("strip"),
    upx: read.choice("upx", ["auto", "true", "false"]),
    modCheck: read.choice("mod-check", ["verify", "off"]),
    archive: read.choice("archive", ["auto", "tar.gz", "zip", "none"]),
    archiveName: read.string("archive-name"),
    files: read.list("files"),
    checksums: read.bool("checksums"),
    outDir: abs(read.string("out-dir") || "dist"),
    cache: read.bool("cache"),
    goVersion: read.string("go-version"),
    goVersionFile: read.string("go-version-file") ? abs(read.string("go-version-file")) : "",
    goDownloadBaseUrl: baseUrl,
    parallel
  };
}

// packages/go-build/src/stage.ts
import { dirname as dirname5, join as join12 } from "node:path";

// packages/slim/src/artifacts.ts
import { readFile as readFile7 } from "node:fs/promises";
import { basename as basename4 } from "node:path";

// packages/slim/src/inputs.ts
import { isAbsolute as isAbsolute4, resolve as resolve5 } from "node:path";
var SLIM_INPUTS = {
  manifest: "dist/artifacts.json",
  files: "",
  strip: "auto",
  upx: "auto",
  "upx-version": "5.2.0",
  "upx-args": "--best",
  "upx-sha256": "",
  "upx-download-base-url": "https://github.com/upx/upx/releases/download",
  verify: "true",
  "smoke-args": "--version",
  "smoke-timeout": "10s",
  "on-verify-failure": "fail",
  "keep-original": "false",
  "max-size": "",
  "max-growth": "",
  baseline: "",
  "report-packages": "true",
  "report-file": ""
}, UPX_ARG = /^(-[1-9]|--best|--brute|--ultra-brute|--lzma|--nrv2[bde]|--all-methods|--all-filters|--no-lzma|--exact|--compress-(exports|icons|resources)=[0-3]|--strip-relocs=[01]|--no-align|-q|-qq|--no-progress)$/, UPX_ARGS_ACCEPTED = "accepted: space-separated UPX compression options: -1 … -9, --best, --brute, --ultra-brute, --lzma, --nrv2b/d/e, --all-methods, --all-filters, --exact, --compress-exports=N, --compress-icons=N, --compress-resources=N, --strip-relocs=N, --no-align, -q (gantry sets -o, -t and never --force)";
function parseSizeBudget(text, input = "max-size") {
  let items = splitList(text);
  if (items.length === 0) return;
  let budget = { perTarget: {} };
  for (let item of items) {
    let eq = item.indexOf("="), sizeText = (eq >= 0 ? item.slice(eq + 1) : item).trim(), bytes = parseSize(sizeText);
    if (bytes === void 0 || bytes <= 0)
      throw new InputError(input, item, `${SIZE_ACCEPTED}; per target: linux/amd64=8MB, windows/amd64=9MB`);
    if (eq < 0) {
      if (budget.all !== void 0) throw new InputError(input, text, "give one size for every binary at most; per target: linux/amd64=8MB");
      budget.all = bytes;
    } else {
      let target = parseTarget(item.slice(0, eq), input), key2 = `${target.os}/${target.arch}${target.variant ? `/${target.variant}` : ""}`;
      if (key2 in budget.perTarget) throw new InputError(input, item, `${key2} is given twice`);
      budget.perTarget[key2] = bytes;
    }
  }
  return budget;
}
function parseSlimInputs(read, cwd) {
  let abs = (p) => isAbsolute4(p) ? p : resolve5(cwd, p), upxArgs = read.string("upx-args").split(/\s+/).filter(Boolean);
  for (let a of upxArgs) if (!UPX_ARG.test(a)) throw new InputError("upx-args", a, UPX_ARGS_ACCEPTED);
  let upxVersion = read.string("upx-version");
  if (!/^\d+\.\d+\.\d+$/.test(upxVersion)) throw new InputError("upx-version", upxVersion, "accepted: a UPX release version such as 5.2.0");
  let upxSha256 = read.string("upx-sha256").toLowerCase();
  if (upxSha256 && !/^[0-9a-f]{64}$/.test(upxSha256)) throw new InputError("upx-sha256", upxSha256, "accepted: 64 hex digits (sha256 of the release archive)");
  let baseUrl = read.string("upx-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("upx-download-base-url", baseUrl, "accepted: an http(s) URL");
  let files = read.lines("files");
  for (let f of files)
    if (f.startsWith("!")) throw new InputError("files", f, "accepted: globs of files to slim; exclusions (!) are not supported");
  let maxGrowth = read.percent("max-growth"), baseline = read.string("baseline");
  if (maxGrowth !== void 0 && !baseline)
    throw new InputError(
      "max-growth",
      read.string("max-growth"),
      "it needs baseline: the size report JSON of a previous run (report-file or the report output)"
    );
  let smokeTimeoutMs = read.duration("smoke-timeout");
  if (smokeTimeoutMs <= 0) throw new InputError("smoke-timeout", read.string("smoke-timeout"), "accepted: a positive duration such as 10s");
  return {
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    files,
    strip: read.choice("strip", ["auto", "true", "false"]),
    upx: read.choice("upx", ["auto", "true", "false"]),
    upxVersion,
    upxArgs,
    upxSha256,
    upxDownloadBaseUrl: baseUrl.replace(/\/+$/, ""),
    verify: read.bool("verify"),
    smokeArgs: read.string("smoke-args").split(/\s+/).filter(Boolean),
    smokeTimeoutMs,
    onVerifyFailure: read.choice("on-verify-failure", ["fail", "restore-and-warn"]),
    keepOriginal: read.bool("keep-original"),
    maxSize: parseSizeBudget(read.string("max-size")),
    maxGrowth,
    baseline: baseline ? abs(baseline) : "",
    reportPackages: read.bool("report-packages"),
    reportFile: read.string("report-file") ? abs(read.string("report-file")) : "",
    cwd
  };
}

// packages/slim/src/plan.ts
import { constants } from "node:fs";
import { access, readFile as readFile4, stat as stat3 } from "node:fs/promises";
import { dirname as dirname2, relative as relative5 } from "node:path";

// packages/slim/src/binfmt.ts
var NotExecutableError = class extends Error {
  name = "NotExecutableError";
}, ELF_MACHINE = {
  3: () => "386",
  62: () => "amd64",
  40: () => "arm",
  183: () => "arm64",
  8: (bits2, le) => (bits2 === 64 ? "mips64" : "mips") + (le ? "le" : ""),
  21: (_bits, le) => le ? "ppc64le" : "ppc64",
  22: () => "s390x",
  243: () => "riscv64",
  258: () => "loong64"
}, ELF_OSABI = { 9: "freebsd", 12: "openbsd", 2: "netbsd", 6: "solaris" }, PE_MACHINE = /* @__PURE__ */ new Map([
  [332, "386"],
  [34404, "amd64"],
  [43620, "arm64"],
  [452, "arm"]
]), MACHO_CPU = /* @__PURE__ */ new Map([
  [7, "386"],
  [16777223, "amd64"],
  [12, "arm"],
  [16777228, "arm64"]
]), DEBUG_SECTION = /^(\.z?debug_|__debug_|\.symtab$|\.strtab$)/, Reader = class {
  constructor(buf, le) {
    this.buf = buf;
    this.le = le;
  }
  buf;
  le;
  check(off, n) {
    if (!Number.isInteger(off) || off < 0 || off + n > this.buf.length) throw new NotExecutableError(`header field at ${off} lies outside the file`);
  }
  u8(off) {
    return this.check(off, 1), this.buf[off];
  }
  u16(off) {
    return this.check(off, 2), this.le ? this.buf.readUInt16LE(off) : this.buf.readUInt16BE(off);
  }
  u32(off) {
    return this.check(off, 4), this.le ? this.buf.readUInt32LE(off) : this.buf.readUInt32BE(off);
  }
  u64(off) {
    return this.check(off, 8), Number(this.le ? this.buf.readBigUInt64LE(off) : this.buf.readBigUInt64BE(off));
  }
  /** A NUL-terminated string (at most `max` bytes). */
  cstr(off, max2 = 256) {
    this.check(off, 0);
    let end = this.buf.indexOf(0, off);
    return this.buf.toString("latin1", off, end < 0 ? Math.min(this.buf.length, off + max2) : Math.min(end, off + max2));
  }
};
function hasUpxMark(buf) {
  return buf.subarray(0, 4096).includes("UPX!");
}
function parseElf(buf) {
  let bits2 = buf[4] === 2 ? 64 : buf[4] === 1 ? 32 : void 0, le = buf[5] === 1 ? !0 : buf[5] === 2 ? !1 : void 0;
  if (bits2 === void 0 || le === void 0) throw new NotExecutableError("ELF header has an unknown class or byte order");
  let r = new Reader(buf, le), type = r.u16(16);
  if (type !== 2 && type !== 3) throw new NotExecutableError(`ELF file of type ${type} is not an executable (object file or core dump)`);
  let machine = r.u16(18), archOf = ELF_MACHINE[machine];
  if (!archOf) throw new NotExecutableError(`ELF machine ${machine} is not one Go builds for`);
  let w = bits2 === 64 ? 8 : 4, word = (off) => bits2 === 64 ? r.u64(off) : r.u32(off), entry = word(24), shoff = word(24 + 2 * w), base = 24 + 3 * w + 4, shentsize = r.u16(base + 6), shnum = r.u16(base + 8), shstrndx = r.u16(base + 10), raw = [];
  for (let i2 = 0; i2 < shnum && shoff > 0; i2++) {
    let h = shoff + i2 * shentsize;
    raw.push({
      nameOff: r.u32(h),
      type: r.u32(h + 4),
      flags: word(h + 8),
      addr: word(h + 8 + w),
      offset: word(h + 8 + 2 * w),
      size: word(h + 8 + 3 * w)
    });
  }
  let strtab = raw[shstrndx], sections = raw.map((s) => ({
    name: strtab ? r.cstr(strtab.offset + s.nameOff) : "",
    addr: s.addr,
    offset: s.offset,
    fileSize: s.type === 8 ? 0 : s.size,
    // SHT_NOBITS (.bss) has no bytes in the file
    loaded: (s.flags & 2) !== 0
    // SHF_ALLOC
  })), names = new Set(sections.map((s) => s.name)), os = ELF_OSABI[buf[7]] ?? "linux";
  return names.has(".note.netbsd.ident") ? os = "netbsd" : names.has(".note.openbsd.ident") && (os = "openbsd"), {
    format: "elf",
    os,
    arch: archOf(bits2, le),
    bits: bits2,
    littleEndian: le,
    pie: type === 3,
    hasSymbols: sections.some((s) => DEBUG_SECTION.test(s.name)),
    signed: !1,
    upxPacked: hasUpxMark(buf),
    entry,
    sections
  };
}
function parsePe(buf) {
  let r = new Reader(buf, !0), pe = r.u32(60);
  if (r.u32(pe) !== 17744) throw new NotExecutableError("MZ file without a PE header (a DOS program?)");
  let coff = pe + 4, machine = r.u16(coff), arch = PE_MACHINE.get(machine);
  if (!arch) throw new NotExecutableError(`PE machine 0x${machine.toString(16)} is not one Go builds for`);
  let nsections = r.u16(coff + 2), symtab = r.u32(coff + 8), nsyms = r.u32(coff + 12), optSize = r.u16(coff + 16), characteristics = r.u16(coff + 18);
  if ((characteristics & 2) === 0 || (characteristics & 8192) !== 0) throw new NotExecutableError("PE file is a DLL or not marked executable");
  let opt = coff + 20, magic = r.u16(opt), bits2 = magic === 523 ? 64 : magic === 267 ? 32 : void 0;
  if (!bits2) throw new NotExecutableError(`PE optional header has unknown magic 0x${magic.toString(16)}`);
  let imageBase = bits2 === 64 ? r.u64(opt + 24) : r.u32(opt + 28), entry = imageBase + r.u32(opt + 16), dllCharacteristics = r.u16(opt + 70), strings = symtab > 0 ? symtab + nsyms * 18 : 0, sections = [];
  for (let i2 = 0; i2 < nsections; i2++) {
    let h = opt + optSize + i2 * 40, name = r.cstr(h, 8);
    name.startsWith("/") && strings > 0 && /^\/\d+$/.test(name) && (name = r.cstr(strings + Number(name.slice(1))));
    let virtualSize = r.u32(h + 8), rawSize = r.u32(h + 16), flags = r.u32(h + 36);
    sections.push({
      name,
      addr: imageBase + r.u32(h + 12),
      offset: r.u32(h + 20),
      fileSize: Math.min(rawSize, virtualSize || rawSize),
      // .reloc is discardable yet must survive a strip unchanged, so every non-debug section counts.
      loaded: !DEBUG_SECTION.test(name) && (flags & 33554432 ? name === ".reloc" : !0)
    });
  }
  return {
    format: "pe",
    os: "windows",
    arch,
    bits: bits2,
    littleEndian: !0,
    pie: (dllCharacteristics & 64) !== 0,
    // Go keeps an empty 4-byte .symtab section after -s; only real symbols or DWARF count.
    hasSymbols: nsyms > 0 || sections.some((s) => /^\.z?debug_/.test(s.name)),
    signed: !1,
    upxPacked: hasUpxMark(buf) || sections.some((s) => /^UPX\d$/.test(s.name)),
    entry,
    sections
  };
}
function parseMachO(buf) {
  let magic = buf.readUInt32LE(0), le = magic === 4277009103 || magic === 4277009102, r = new Reader(buf, le), bits2 = r.u32(0) === 4277009103 ? 64 : 32, cpu = r.u32(4), arch = MACHO_CPU.get(cpu);
  if (!arch) throw new NotExecutableError(`Mach-O CPU type 0x${cpu.toString(16)} is not one Go builds for`);
  if (r.u32(12) !== 2) throw new NotExecutableError("Mach-O file is not an executable (MH_EXECUTE)");
  let ncmds = r.u32(16), flags = r.u32(24), off = bits2 === 64 ? 32 : 28, sections = [], nsyms = 0, signed = !1, entry = 0, textVmaddr = 0;
  for (let i2 = 0; i2 < ncmds; i2++) {
    let cmd = r.u32(off), size = r.u32(off + 4);
    if (size < 8) throw new NotExecutableError("Mach-O load command of size < 8");
    if (cmd === 25 || cmd === 1) {
      let seg = r.cstr(off + 8, 16), is64 = cmd === 25;
      seg === "__TEXT" && (textVmaddr = is64 ? r.u64(off + 24) : r.u32(off + 24));
      let nsects = r.u32(off + (is64 ? 64 : 48)), s = off + (is64 ? 72 : 56);
      for (let j = 0; j < nsects; j++, s += is64 ? 80 : 68) {
        let zerofill = (r.u32(s + (is64 ? 64 : 56)) & 255) === 1;
        sections.push({
          name: `${seg},${r.cstr(s, 16)}`,
          addr: is64 ? r.u64(s + 32) : r.u32(s + 32),
          offset: r.u32(s + (is64 ? 48 : 40)),
          fileSize: zerofill ? 0 : is64 ? r.u64(s + 40) : r.u32(s + 36),
          loaded: seg !== "__DWARF"
        });
      }
    } else cmd === 2 ? nsyms = r.u32(off + 12) : cmd === 29 ? signed = !0 : cmd === 2147483688 && (entry = r.u64(off + 8));
    off += size;
  }
  return {
    format: "macho",
    os: "darwin",
    arch,
    bits: bits2,
    littleEndian: le,
    pie: (flags & 2097152) !== 0,
    hasSymbols: nsyms > 0 || sections.some((s) => s.name.startsWith("__DWARF,")),
    signed,
    upxPacked: hasUpxMark(buf),
    entry: textVmaddr + entry,
    sections
  };
}
function parseExecutable(buf) {
  if (buf.length < 64) throw new NotExecutableError("the file is too short to be an executable");
  let m = buf.readUInt32BE(0), withGo = (info) => ({ ...info, go: isGo(buf, info.sections) });
  try {
    if (m === 2135247942) return withGo(parseElf(buf));
    if (buf[0] === 77 && buf[1] === 90) return withGo(parsePe(buf));
    if ([3489328638, 3472551422, 4277009103, 4277009102].includes(m)) return withGo(parseMachO(buf));
  } catch (err2) {
    throw err2 instanceof NotExecutableError ? err2 : new NotExecutableError(`its headers are damaged (${err2.message})`);
  }
  throw m === 3405691582 ? new NotExecutableError("universal (fat) Mach-O binaries or Java classes are not supported; slim each architecture's binary") : buf[0] === 35 && buf[1] === 33 ? new NotExecutableError("it is a script (#!), not a compiled executable") : new NotExecutableError("it is not an ELF, PE or Mach-O executable");
}
var GO_BUILDINFO_MAGIC = Buffer.from("ÿ Go buildinf:", "latin1");
function isGo(buf, sections) {
  return sections.some((s) => /gopclntab|go\.buildinfo|go_buildinfo/.test(s.name)) || buf.includes(GO_BUILDINFO_MAGIC);
}
function targetOf(info) {
  return `${info.os}/${info.arch}`;
}

// packages/slim/src/glob.ts
import { readdir as readdir3 } from "node:fs/promises";
import { isAbsolute as isAbsolute5, join as join8, relative as relative4, resolve as resolve6, sep } from "node:path";
function globToRegExp(pattern) {
  let re = "", inBraces = 0;
  for (let i2 = 0; i2 < pattern.length; i2++) {
    let c = pattern[i2];
    if (c === "*")
      if (pattern[i2 + 1] === "*") {
        let slash = pattern[i2 + 2] === "/";
        re += slash ? "(?:[^/]+/)*" : ".*", i2 += slash ? 2 : 1;
      } else re += "[^/]*";
    else if (c === "?") re += "[^/]";
    else if (c === "[") {
      let end = pattern.indexOf("]", i2 + 1);
      end < 0 ? re += "\\[" : (re += `[${pattern.slice(i2 + 1, end).replace(/^!/, "^").replace(/\\/g, "\\\\")}]`, i2 = end);
    } else c === "{" ? (inBraces++, re += "(?:") : c === "}" && inBraces > 0 ? (inBraces--, re += ")") : c === "," && inBraces > 0 ? re += "|" : re += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}
function staticPrefix(pattern) {
  let parts = pattern.split("/"), fixed = [];
  for (let p of parts.slice(0, -1)) {
    if (/[*?[{]/.test(p)) break;
    fixed.push(p);
  }
  return fixed.join("/");
}
async function walk(dir2, out, depth = 0) {
  if (depth > 32) return;
  let entries;
  try {
    entries = await readdir3(dir2, { withFileTypes: !0 });
  } catch {
    return;
  }
  for (let e of entries) {
    if (e.name === "node_modules" || e.name === ".git") continue;
    let p = join8(dir2, e.name);
    e.isDirectory() ? await walk(p, out, depth + 1) : out.push(p);
  }
}
async function globFiles(pattern, cwd) {
  let normalized = pattern.split(sep).join("/");
  if (!/[*?[{]/.test(normalized)) return [isAbsolute5(normalized) ? normalized : resolve6(cwd, normalized)];
  let abs = isAbsolute5(normalized), base = abs ? "/" : cwd, prefix = staticPrefix(abs ? normalized.slice(1) : normalized), re = globToRegExp(abs ? normalized.slice(1) : normalized), found = [];
  await walk(resolve6(base, prefix || "."), found);
  let hiddenOk = /(^|\/)\./.test(normalized);
  return found.filter((f) => {
    let rel = relative4(base, f).split(sep).join("/");
    return re.test(rel) && (hiddenOk || !/(^|\/)\./.test(rel));
  }).sort();
}

// packages/slim/src/plan.ts
async function filesFromGlobs(globs, cwd) {
  let seen = /* @__PURE__ */ new Set(), out = [];
  for (let g of globs) {
    let matched = (await globFiles(g, cwd)).filter((f) => !f.endsWith(".orig")), existing = [];
    for (let f of matched) await isFile(f) && existing.push(f);
    if (existing.length === 0)
      throw new InputError("files", g, `it matches no file under ${cwd}; accepted: newline-separated globs such as dist/**/app or bin/*`);
    for (let f of existing)
      seen.has(f) || (seen.add(f), out.push({ path: f, input: "files", named: g }));
  }
  return out;
}
async function isFile(path) {
  try {
    return (await stat3(path)).isFile();
  } catch {
    return !1;
  }
}
async function writeProblem(path, mode) {
  if ((mode & 128) === 0) return "the file is read-only (chmod u+w to let slim replace it)";
  try {
    await access(path, constants.W_OK), await access(dirname2(path), constants.W_OK);
  } catch (err2) {
    return `it cannot be replaced (${err2.code})`;
  }
}
async function planFiles(files, cwd) {
  let planned = [], problems = [];
  for (let f of files) {
    let shown = relative5(cwd, f.path) || f.path;
    try {
      let st = await stat3(f.path);
      if (!st.isFile()) throw new InputError(f.input, f.named, `${shown} is not a regular file`);
      let bytes = await readFile4(f.path), info;
      try {
        info = parseExecutable(bytes);
      } catch (err2) {
        throw err2 instanceof NotExecutableError ? new InputError(f.input, f.named, `${shown} is not an executable slim can handle: ${err2.message}`) : err2;
      }
      let detected = targetOf(info);
      if (f.target && !`${f.target}/`.startsWith(`${detected}/`))
        throw new InputError(f.input, f.named, `the manifest says ${f.target} but ${shown} is a ${info.format.toUpperCase()} ${detected} binary`);
      let problem = await writeProblem(f.path, st.mode);
      if (problem) throw new InputError(f.input, f.named, `${shown}: ${problem}`);
      planned.push({ ...f, target: f.target ?? detected, info, bytes, mode: st.mode & 4095, size: st.size });
    } catch (err2) {
      if (err2 instanceof GantryError) problems.push(err2);
      else if (err2.code === "ENOENT") problems.push(new InputError(f.input, f.named, `${shown} does not exist`));
      else throw err2;
    }
  }
  if (problems.length === 1) throw problems[0];
  if (problems.length > 1)
    throw new GantryError(`${problems.length} files cannot be slimmed; nothing was changed:
${problems.map((p) => `- ${p.message}`).join(`
`)}`);
  return planned;
}

// packages/slim/src/rearchive.ts
import { readFile as readFile5 } from "node:fs/promises";
var import_tar_stream = __toESM(require_tar_stream(), 1), LEVELS = [6, 9, 1, 2, 3, 4, 5, 7, 8], same = (a, b) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
async function readTar(tar) {
  let members = [], ex = (0, import_tar_stream.extract)(), done = new Promise((res, rej) => {
    ex.on("finish", res), ex.on("error", rej);
  });
  return ex.on("entry", (header, stream, next) => {
    let chunks = [];
    stream.on("data", (c) => {
      chunks.push(c);
    }), stream.on("end", () => {
      members.push({ header, data: Buffer.concat(chunks) }), next();
    }), stream.resume();
  }), ex.end(Buffer.from(tar)), await done, members;
}
async function writeTar(members) {
  let p = (0, import_tar_stream.pack)(), chunks = [];
  p.on("data", (c) => {
    chunks.push(c);
  });
  let done = new Promise((res, rej) => {
    p.on("end", res), p.on("error", rej);
  });
  for (let m of members) {
    let { name, mode, uid, gid, uname, gname, mtime, type } = m.header, header = { name, mode, uid, gid, uname, gname, mtime, type };
    type === "directory" ? p.entry(header) : p.entry({ ...header, size: m.data.length }, m.data);
  }
  return p.finalize(), await done, Buffer.concat(chunks);
}
async function replaceInTarGz(archive, member, replacement) {
  let members = await readTar(gunzipSync(archive)), target = members.find((m) => m.header.name === member && m.header.type === "file");
  if (!target) throw new Error(`the archive has no member ${member}`);
  let unchanged = await writeTar(members), level2 = LEVELS.find((l) => same(gzipSync(unchanged, { level: l, mtime: 0 }), archive));
  return target.data = Buffer.from(replacement), { bytes: gzipSync(await writeTar(members), { level: level2 ?? 6, mtime: 0 }), reproducible: level2 !== void 0 };
}
function zipCentralDirectory(zip2) {
  let buf = Buffer.from(zip2.buffer, zip2.byteOffset, zip2.byteLength), eocd = buf.lastIndexOf(Buffer.from([80, 75, 5, 6]));
  if (eocd < 0) throw new Error("not a zip archive (no end of central directory)");
  let count = buf.readUInt16LE(eocd + 10), off = buf.readUInt32LE(eocd + 16), out = /* @__PURE__ */ new Map();
  for (let i2 = 0; i2 < count; i2++) {
    if (buf.readUInt32LE(off) !== 33639248) throw new Error("damaged zip central directory");
    let method = buf.readUInt16LE(off + 10), time = buf.readUInt16LE(off + 12), date = buf.readUInt16LE(off + 14), nameLen = buf.readUInt16LE(off + 28), extraLen = buf.readUInt16LE(off + 30), commentLen = buf.readUInt16LE(off + 32), attrs = buf.readUInt32LE(off + 38), compressed = buf.readUInt32LE(off + 20), local = buf.readUInt32LE(off + 42), dataAt = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28), raw = buf.subarray(dataAt, dataAt + compressed), name = buf.toString("utf8", off + 46, off + 46 + nameLen), mtime = new Date(1980 + (date >> 9), (date >> 5 & 15) - 1, date & 31, time >> 11, time >> 5 & 63, (time & 31) * 2);
    out.set(name, { method, mtime, attrs, raw }), off += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}
function replaceInZip(archive, member, replacement) {
  let meta = zipCentralDirectory(archive), data = unzipSync(archive);
  if (!(member in data)) throw new Error(`the archive has no member ${member}`);
  let probe2 = [...meta].filter(([, m]) => m.method === 8).sort((a, b) => a[1].raw.length - b[1].raw.length)[0], level2 = probe2 ? LEVELS.find((l) => same(deflateSync(data[probe2[0]], { level: l }), probe2[1].raw)) : void 0, build = (replace) => {
    let files = {};
    for (let [name, m] of meta) {
      let bytes = replace && name === member ? replacement : data[name] ?? new Uint8Array(0);
      files[name] = [bytes, { mtime: m.mtime, os: 3, attrs: m.attrs, level: m.method === 0 ? 0 : level2 ?? 6 }];
    }
    return zipSync(files);
  };
  return { bytes: build(!0), reproducible: level2 !== void 0 && same(build(!1), archive) };
}
async function rearchive(archivePath, member, binaryPath2) {
  let [archive, binary] = await Promise.all([readFile5(archivePath), readFile5(binaryPath2)]);
  return archivePath.endsWith(".zip") ? replaceInZip(archive, member, binary) : replaceInTarGz(archive, member, binary);
}
function updateChecksums(text, sums) {
  return text.split(`
`).map((line) => {
    let m = /^([0-9a-f]{64})( [ *])(.+)$/.exec(line), sum = m ? sums.get(m[3]) : void 0;
    return m && sum ? `${sum}${m[2]}${m[3]}` : line;
  }).join(`
`);
}

// packages/slim/src/replace.ts
import { randomBytes } from "node:crypto";
import { constants as constants2 } from "node:fs";
import { copyFile as copyFile3, link, mkdir as mkdir4, rename as rename2, rm as rm4, stat as stat4 } from "node:fs/promises";
import { basename as basename3, dirname as dirname3, join as join9 } from "node:path";
var Replacements = class {
  items = [];
  /** Random, so another user cannot plant a name this run will write to (issue 10). */
  tag = `${process.pid}-${randomBytes(6).toString("hex")}`;
  /**
   * A temporary path beside `target`, so the rename that replaces it is atomic. Not core's
   * tempPathBeside: the steps of one target (strip, upx, new, was) need names of their own that
   * the glob of binaries skips (a leading dot) and that say which run and step made them.
   */
  tempFor(target, step) {
    return join9(dirname3(target), `.${basename3(target)}.slim-${this.tag}-${step}`);
  }
  /** Stages an existing file `source` (beside `target`) to replace it. */
  add(target, source, keepAs) {
    if (this.items.some((r) => r.target === target)) throw new Error(`${target} is staged twice`);
    this.items.push({ target, source, ...keepAs ? { keepAs } : {} });
  }
  /** Stages new contents for `target` (a file that may not exist yet), with the original's mode. */
  async write(target, data) {
    if (this.staged(target)) throw new Error(`${target} is staged twice`);
    let source = this.tempFor(target, "new");
    try {
      await mkdir4(dirname3(target), { recursive: !0 });
      let mode = await stat4(target).then(
        (s) => s.mode & 4095,
        () => {
        }
      );
      await writeNewFile(source, data, mode);
    } catch (err2) {
      throw await rm4(source, { force: !0 }), err2;
    }
    this.add(target, source);
  }
  /** The staged replacement of `target`, if there is one. */
  staged(target) {
    return this.items.find((r) => r.target === target)?.source;
  }
  get size() {
    return this.items.length;
  }
  /** Puts every replacement in place, or none: a failure part-way undoes the ones done. */
  async commit() {
    let done = [];
    try {
      for (let item of this.items) {
        let backup = this.tempFor(item.target, "was"), hadOriginal = await keepCopy(item.target, backup);
        done.push({ item, ...hadOriginal ? { backup } : {} }), await rename2(item.source, item.target);
      }
    } catch (err2) {
      for (let { item, backup } of done.reverse())
        backup ? await rename2(backup, item.target) : await rm4(item.target, { force: !0 });
      throw await this.discard(), err2;
    }
    for (let { item, backup } of done)
      backup && (item.keepAs ? await rename2(backup, item.keepAs) : await rm4(backup, { force: !0 }));
    this.items.length = 0;
  }
  /** Drops every staged file; the targets are untouched. Safe to call after commit. */
  async discard() {
    await Promise.all(this.items.map((r) => rm4(r.source, { force: !0 }))), this.items.length = 0;
  }
};
async function keepCopy(target, backup) {
  try {
    return await link(target, backup), !0;
  } catch (err2) {
    let code = err2.code;
    if (code === "ENOENT") return !1;
    if (code !== "EPERM" && code !== "EXDEV" && code !== "ENOTSUP" && code !== "EMLINK") throw err2;
  }
  return await copyFile3(target, backup, constants2.COPYFILE_EXCL), !0;
}

// packages/slim/src/slim.ts
import { chmod, rm as rm6 } from "node:fs/promises";
import { relative as relative7 } from "node:path";

// packages/slim/src/packages.ts
function parseNm(text) {
  let out = [];
  for (let line of text.split(`
`)) {
    let m = /^\s*([0-9a-f]+)\s+(\d+)\s+([A-Za-z_])\s+(.+)$/.exec(line);
    m && out.push({ addr: Number.parseInt(m[1], 16), size: Number(m[2]), type: m[3], name: m[4].trim() });
  }
  return out;
}
var PREFIXES = /^(type\.\.(eq|hash|namedata|importpath)\.|type[.:]|go\.itab\.|go:itab\.|go\.info\.|go:info\.)/, TABLES = [
  [/^runtime\.(e?pclntab|findfunctab)$/, "(pclntab: function tables)"],
  [/^(type[.:]\*|typerel\.\*|runtime\.(e?types|typelink|itablink))$/, "(type descriptors)"],
  [/^go[.:]func\.\*$/, "(func metadata)"],
  [/^go[.:]string\.\*$/, "(string literals)"],
  [/^runtime\.(e?rodata|e?noptrdata|e?data|e?bss|e?noptrbss|e?text|e?symtab|gcdata|gcbss|e?covctrs)$/, "(other data)"]
];
function packageOf(symbol) {
  for (let [re, label] of TABLES) if (re.test(symbol)) return label;
  if (/^go[.:]/.test(symbol) && !PREFIXES.test(symbol)) return "(linker data)";
  let name = symbol.replace(PREFIXES, "");
  if (name !== symbol && (name = name.replace(/^[*[\]]+/, ""), !/^[A-Za-z_]/.test(name) || /^(map|func|struct|chan|interface)\b/.test(name)))
    return "(type descriptors)";
  let stop = name.search(/[([ ,]/), head = stop < 0 ? name : name.slice(0, stop), slash = head.lastIndexOf("/"), dot = head.indexOf(".", slash + 1);
  return dot < 0 ? symbol.includes(".") ? "(linker data)" : name : head.slice(0, dot).replace(/%2e/g, ".");
}
function rank(name) {
  return /^runtime\.(e?rodata|e?noptrdata|e?data|e?text)$/.test(name) ? 0 : /\*$|^runtime\.(e?pclntab|e?types)$/.test(name) ? 1 : 2;
}
function groupByPackage(symbols, sections) {
  let fileBacked = sections.filter((s) => s.loaded && s.fileSize > 0), inFile = (addr) => fileBacked.some((s) => addr >= s.addr && addr < s.addr + s.fileSize), kept = symbols.filter((s) => s.size > 0 && !"UBbCc_".includes(s.type) && inFile(s.addr)).sort((a, b) => a.addr - b.addr || b.size - a.size || rank(a.name) - rank(b.name)), own = /* @__PURE__ */ new Map(), stack = [];
  for (let s of kept) {
    for (; stack.length > 0 && s.addr >= stack.at(-1).addr + stack.at(-1).size; ) stack.pop();
    let parent = stack.at(-1);
    parent && own.set(parent, (own.get(parent) ?? 0) - Math.min(s.size, parent.addr + parent.size - s.addr)), own.set(s, s.size), stack.push(s);
  }
  let groups = /* @__PURE__ */ new Map(), add = (pkg, bytes, count) => {
    let g = groups.get(pkg) ?? { package: pkg, bytes: 0, symbols: 0 };
    g.bytes += bytes, g.symbols += count, groups.set(pkg, g);
  };
  for (let [s, bytes] of own) bytes > 0 && add(packageOf(s.name), bytes, 1);
  for (let sec of sections)
    /gopclntab$/.test(sec.name) && sec.fileSize > 0 && !kept.some((s) => s.addr >= sec.addr && s.addr < sec.addr + sec.fileSize) ? add("(pclntab: function tables)", sec.fileSize, 0) : !sec.loaded && sec.fileSize > 0 && /^(\.z?debug_|\.symtab$|\.strtab$|__DWARF,)/.test(sec.name) && add("(symbols and DWARF: strip removes them)", sec.fileSize, 0);
  return [...groups.values()].sort((a, b) => b.bytes - a.bytes || a.package.localeCompare(b.package));
}
async function findGoNm(env = process.env) {
  return (env.GOROOT ? await which(`${env.GOROOT}/bin/go`, env) : void 0) ?? await which("go", env);
}
async function packageSizes(file, sections, env = process.env) {
  let go = await findGoNm(env);
  if (!go) return { reason: "Go is not installed here, and package sizes come from `go tool nm`" };
  let r = await exec(go, ["tool", "nm", "-size", "-sort", "size", file], { allowFailure: !0, timeoutMs: 12e4, env, maxBuffer: 256 * 1024 * 1024 });
  return r.code !== 0 ? { reason: r.stderr.includes("no symbol") ? "the binary has no symbols (built with -s -w; build with go-build strip: false and let slim strip it)" : r.stderr.trim() } : { packages: groupByPackage(parseNm(r.stdout), sections) };
}

// packages/slim/src/steps.ts
import { readFile as readFile6, rm as rm5, stat as stat5 } from "node:fs/promises";
import { relative as relative6 } from "node:path";

// packages/slim/src/striptool.ts
var BFD = {
  elf: {
    amd64: "elf64-x86-64",
    386: "elf32-i386",
    arm64: "elf64-littleaarch64",
    arm: "elf32-littlearm",
    ppc64le: "elf64-powerpcle",
    ppc64: "elf64-powerpc",
    s390x: "elf64-s390",
    riscv64: "elf64-littleriscv",
    mips: "elf32-tradbigmips",
    mipsle: "elf32-tradlittlemips",
    mips64: "elf64-tradbigmips",
    mips64le: "elf64-tradlittlemips",
    loong64: "elf64-loongarch"
  },
  pe: { amd64: "pei-x86-64", 386: "pei-i386", arm64: "pei-aarch64-little" }
}, TRIPLES = {
  elf: {
    amd64: ["x86_64-linux-gnu"],
    386: ["i686-linux-gnu"],
    arm64: ["aarch64-linux-gnu"],
    arm: ["arm-linux-gnueabihf", "arm-linux-gnueabi"],
    ppc64le: ["powerpc64le-linux-gnu"],
    s390x: ["s390x-linux-gnu"],
    riscv64: ["riscv64-linux-gnu"],
    mips: ["mips-linux-gnu"],
    mipsle: ["mipsel-linux-gnu"],
    mips64: ["mips64-linux-gnuabi64"],
    mips64le: ["mips64el-linux-gnuabi64"],
    loong64: ["loongarch64-linux-gnu"]
  },
  pe: { amd64: ["x86_64-w64-mingw32"], 386: ["i686-w64-mingw32"], arm64: ["aarch64-w64-mingw32"] }
}, supportedTargets = /* @__PURE__ */ new Map();
function gnuSupportedTargets(path) {
  let found = supportedTargets.get(path);
  return found || (found = exec(path, ["--help"], { allowFailure: !0, timeoutMs: 1e4 }).then((r) => {
    let m = /supported targets:([^\n]*)/.exec(`${r.stdout}
${r.stderr}`);
    return m ? m[1].trim().split(/\s+/) : [];
  }), supportedTargets.set(path, found)), found;
}
function stripNotApplicable(info) {
  if (info.format === "macho") return "Mach-O: stripping would break its code signature";
  if (info.upxPacked) return "already packed by UPX";
  if (!info.hasSymbols) return "no symbols to strip (already stripped or linked with -s -w)";
}
async function stripCandidates(info, env = process.env) {
  if (info.format === "macho") return [];
  let bfd = BFD[info.format][info.arch], names = [...(TRIPLES[info.format][info.arch] ?? []).map((t) => `${t}-strip`), "strip"], found = [], gnuArgs = (input, output) => ["--strip-all", "-o", output, input];
  for (let name of names) {
    let path = await which(name, env);
    !path || found.some((t) => t.path === path) || bfd && (await gnuSupportedTargets(path)).includes(bfd) && found.push({ path, name, args: gnuArgs });
  }
  if (info.format === "elf")
    for (let name of ["llvm-strip", ...[19, 18, 17, 16, 15, 14].map((v) => `llvm-strip-${v}`)]) {
      let path = await which(name, env);
      if (path) {
        found.push({ path, name, args: gnuArgs });
        break;
      }
    }
  return found;
}
async function runStrip(tool, input, output, env) {
  let r = await exec(tool.path, tool.args(input, output), { allowFailure: !0, timeoutMs: 12e4, env });
  if (r.code !== 0)
    return (r.stderr || r.stdout).trim().split(`
`).slice(-3).join(" ") || `exited with ${r.code}`;
}

// packages/slim/src/upx.ts
import { join as join10 } from "node:path";
var UPX_RELEASES = {
  "5.2.0": {
    "linux-x64": "3db5d3294707439db97866feab8d75d800f028f48481a40547411824da4288a1",
    "linux-arm64": "55d48a61e8ffd17152db871c855376cba7f08e830b37799d0947a16dff8ec36c",
    "win32-x64": "b471ebf1b7f20f4a89150264ed9a008a2a5bfd247f3c6d1184a75bb59ca08f5d"
  }
}, LINUX_ASSET_ARCH = { x64: "amd64", arm64: "arm64", ia32: "i386", arm: "arm", ppc64: "powerpc64le" };
function upxRelease(version, baseUrl, sha256Override, platform = process.platform, arch = runnerArch()) {
  let stem, format;
  if (platform === "linux" && LINUX_ASSET_ARCH[arch])
    stem = `upx-${version}-${LINUX_ASSET_ARCH[arch]}_linux`, format = "tar.xz";
  else if (platform === "win32" && (arch === "x64" || arch === "ia32"))
    stem = `upx-${version}-${arch === "x64" ? "win64" : "win32"}`, format = "zip";
  else
    return { reason: `UPX publishes no release for ${platform}/${arch} runners; install upx on PATH yourself (e.g. brew install upx)` };
  let sha2562 = sha256Override || UPX_RELEASES[version]?.[`${platform}-${arch}`];
  return sha2562 ? { tool: "upx", version, arch, url: `${baseUrl}/v${version}/${stem}.${format}`, sha256: sha2562, format, root: stem } : {
    reason: `gantry pins no checksum for UPX ${version} on ${platform}/${arch}: set upx-sha256 to the sha256 of ${stem}.${format}, or use upx-version ${Object.keys(UPX_RELEASES).join(", ")}`
  };
}
function upxInDir(dir2) {
  return join10(dir2, process.platform === "win32" ? "upx.exe" : "upx");
}
async function upxVersionOf(path) {
  let r = await exec(path, ["-V"], { allowFailure: !0, timeoutMs: 1e4 }), m = /^upx (\S+)/m.exec(r.stdout);
  if (r.code !== 0 || !m) throw new GantryError(`\`${path} -V\` did not print a UPX version (exit ${r.code}): ${(r.stdout || r.stderr).trim().split(`
`)[0]}`);
  return m[1];
}
async function resolveUpx(opts, reporter) {
  let cached = await findCachedTool("upx", opts.version, runnerArch());
  if (cached)
    return reporter.info(`upx ${opts.version} found in the tool cache`), { path: upxInDir(cached), version: opts.version, source: "tool cache" };
  let onPath = await which("upx", opts.env);
  if (onPath) return { path: onPath, version: await upxVersionOf(onPath), source: "PATH" };
  if (!opts.install) return { reason: "UPX is not installed (not on PATH, not in the tool cache): set upx: true to install it" };
  let release = upxRelease(opts.version, opts.baseUrl, opts.sha256);
  if ("reason" in release) return release;
  let dir2 = await installTool(release, reporter);
  return { path: upxInDir(dir2), version: opts.version, source: "downloaded" };
}
function upxUnsafeReason(info) {
  let t = `${info.os}/${info.arch}`;
  if (info.os === "darwin") return `${t}: UPX-packed macOS binaries are killed at start on macOS 13+ (upx#612); UPX refuses them since 4.2.0`;
  if (t === "windows/arm64") return `${t}: UPX cannot pack arm64 PE files (upx#551)`;
  if (["freebsd", "netbsd", "openbsd", "dragonfly"].includes(info.os)) return `${t}: UPX-packed 64-bit BSD binaries do not start (upx#636)`;
  if (info.os === "linux" && ["mips64", "mips64le", "s390x", "loong64", "riscv64", "ppc64"].includes(info.arch))
    return `${t}: UPX has no packer for this architecture`;
  if (info.format === "elf" && info.pie) return `${t}: PIE build (-buildmode=pie); UPX 5.x packs it into a binary that crashes (upx#18895)`;
  if (!["linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/ppc64le", "linux/mips", "linux/mipsle", "windows/386", "windows/amd64"].includes(t)) return `${t}: UPX has no packer for this target`;
}
var UPX_SKIP_EXCEPTIONS = ["CantPackException", "AlreadyPackedException", "NotCompressibleException", "UnknownExecutableFormatException"];
function parseUpxError(stderr) {
  for (let line of stderr.split(`
`)) {
    let m = /^upx: .*?: ([A-Za-z]+(?:Exception|Error))(?:: (.*))?$/.exec(line.trim());
    if (m) return { exception: m[1], message: (m[2] ?? "").trim() };
  }
}
async function upxPack(upx, input, output, args, env) {
  let r = await exec(upx.path, [...args, "--no-progress", "-o", output, input], { allowFailure: !0, timeoutMs: 6e5, env });
  if (r.code === 0) return { packed: !0, ms: r.durationMs };
  let e = parseUpxError(r.stderr) ?? { exception: `exit ${r.code}`, message: (r.stderr || r.stdout).trim().split(`
`).slice(-2).join(" ") };
  return { packed: !1, ...e, skip: UPX_SKIP_EXCEPTIONS.includes(e.exception) };
}
async function upxTest(upx, file, env) {
  let r = await exec(upx.path, ["-t", file], { allowFailure: !0, timeoutMs: 12e4, env });
  if (r.code === 0 && /\[OK\]/.test(r.stdout)) return;
  let e = parseUpxError(r.stderr);
  return e ? `${e.exception}${e.message ? `: ${e.message}` : ""}` : `upx -t exited with ${r.code}`;
}

// packages/slim/src/verify.ts
import { createHash } from "node:crypto";
function loadedSectionsDiffer(before, beforeInfo, after, afterInfo) {
  if (beforeInfo.format !== afterInfo.format || beforeInfo.arch !== afterInfo.arch || beforeInfo.bits !== afterInfo.bits)
    return `it became ${afterInfo.format} ${afterInfo.arch} (was ${beforeInfo.format} ${beforeInfo.arch})`;
  if (beforeInfo.entry !== afterInfo.entry) return `the entry point moved from 0x${beforeInfo.entry.toString(16)} to 0x${afterInfo.entry.toString(16)}`;
  let digest = (buf, offset, size) => createHash("sha256").update(buf.subarray(offset, offset + size)).digest("hex"), afterByName = new Map(afterInfo.sections.map((s) => [s.name, s]));
  for (let s of beforeInfo.sections) {
    if (!s.loaded || s.name === "") continue;
    let t = afterByName.get(s.name);
    if (!t) return `section ${s.name} is missing`;
    if (t.addr !== s.addr) return `section ${s.name} moved from 0x${s.addr.toString(16)} to 0x${t.addr.toString(16)}`;
    if (t.fileSize !== s.fileSize) return `section ${s.name} changed size from ${s.fileSize} to ${t.fileSize} bytes`;
    if (s.fileSize > 0 && digest(before, s.offset, s.fileSize) !== digest(after, t.offset, t.fileSize)) return `section ${s.name} has different contents`;
  }
}
var QEMU_ARCH = {
  amd64: "x86_64",
  386: "i386",
  arm64: "aarch64",
  arm: "arm",
  ppc64le: "ppc64le",
  ppc64: "ppc64",
  s390x: "s390x",
  riscv64: "riscv64",
  mips: "mips",
  mipsle: "mipsel",
  mips64: "mips64",
  mips64le: "mips64el",
  loong64: "loongarch64"
};
async function runnerFor(info, env = process.env) {
  let host = hostTarget();
  if (info.os === host.os && (info.arch === host.arch || host.arch === "amd64" && info.arch === "386" && host.os === "linux")) return { label: "natively" };
  if (info.os !== "linux" || host.os !== "linux") return { reason: `a ${info.os}/${info.arch} binary cannot run on this ${host.os}/${host.arch} machine` };
  let q = QEMU_ARCH[info.arch];
  for (let name of q ? [`qemu-${q}-static`, `qemu-${q}`] : []) {
    let found = await which(name, env);
    if (found) return { command: found, label: `through ${name}` };
  }
  return { reason: `no qemu-user for ${info.arch} is installed (apt-get install qemu-user-static)` };
}
async function smokeRun(file, runner, args, timeoutMs, env) {
  let r;
  try {
    r = runner.command ? await exec(runner.command, [file, ...args], { allowFailure: !0, timeoutMs, env, maxBuffer: 64 * 1024 }) : await exec(file, args, { allowFailure: !0, timeoutMs, env, maxBuffer: 64 * 1024 });
  } catch (err2) {
    return { ok: !1, problem: `it could not start: ${err2.message}`, firstLine: "", ms: 0 };
  }
  let firstLine2 = (r.stdout.trim() || r.stderr.trim()).split(`
`)[0]?.slice(0, 200) ?? "";
  if (r.timedOut) return { ok: !1, problem: `it did not exit within ${timeoutMs} ms`, firstLine: firstLine2, ms: r.durationMs };
  if (r.code !== 0) {
    let how = r.signal ? `was killed by ${r.signal}` : `exited with ${r.code}`;
    return { ok: !1, problem: `\`${[file, ...args].join(" ")}\` ${how}${firstLine2 ? `: ${firstLine2}` : ""}`, firstLine: firstLine2, ms: r.durationMs };
  }
  return { ok: !0, firstLine: firstLine2, ms: r.durationMs };
}

// packages/slim/src/steps.ts
var VerifyFailure = class extends Error {
};
async function settleTools(files, options, senv, timed) {
  let { reporter, env } = senv, tools = { strip: /* @__PURE__ */ new Map() };
  if (options.strip !== "false")
    for (let f of files) {
      let key2 = `${f.info.format}/${f.info.arch}`;
      if (tools.strip.has(key2) || tools.strip.set(key2, await timed(() => stripCandidates(f.info, env))), options.strip === "true" && !stripNotApplicable(f.info) && (tools.strip.get(key2) ?? []).length === 0)
        throw new GantryError(
          `strip: true, but no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch} (${relative6(senv.cwd, f.path)}); install binutils for it (e.g. binutils-aarch64-linux-gnu, binutils-mingw-w64-x86-64) or llvm`
        );
    }
  if (!(options.upx !== "false" && files.some((f) => !f.info.upxPacked && !upxUnsafeReason(f.info)))) return tools;
  let found = await timed(
    () => resolveUpx({ version: options.upxVersion, baseUrl: options.upxDownloadBaseUrl, sha256: options.upxSha256, install: options.upx === "true", env }, reporter)
  );
  if ("reason" in found) {
    if (options.upx === "true") throw new GantryError(`upx: true, but UPX cannot be had: ${found.reason}`);
    tools.upxMissing = found.reason, reporter.info(`upx: not packing: ${found.reason}`);
  } else
    tools.upx = found, reporter.info(`upx ${found.version} from ${found.source}: ${found.path}`);
  return tools;
}
async function stripStep(w, c) {
  let { file: f, shown } = w, na = stripNotApplicable(f.info);
  if (na) {
    w.skipped.push(`strip: ${na}`);
    return;
  }
  let problems = [];
  for (let tool of c.tools.strip.get(`${f.info.format}/${f.info.arch}`) ?? []) {
    let out = c.tempFor(f.path, "strip");
    c.temps.push(out);
    let err2 = await c.timed(() => runStrip(tool, f.path, out, c.senv.env));
    if (err2) {
      problems.push(`${tool.name}: ${err2}`);
      continue;
    }
    let bytes = await readFile6(out), info;
    try {
      info = parseExecutable(bytes);
    } catch (e) {
      problems.push(`${tool.name} wrote an unreadable file: ${e.message}`);
      continue;
    }
    let diff = loadedSectionsDiffer(f.bytes, f.info, bytes, info);
    if (diff) {
      problems.push(`${tool.name} changed what the program loads: ${diff}`);
      continue;
    }
    w.current = out, w.currentInfo = info, w.currentSize = bytes.length, w.steps.push(`strip (${tool.name})`), w.verified.push("loaded sections unchanged");
    return;
  }
  let why = problems.length ? problems.join(" · ") : `no installed strip understands ${f.info.format.toUpperCase()} ${f.info.arch}`;
  if (c.options.strip === "true") throw new GantryError(`${shown}: strip failed: ${why}`);
  w.skipped.push(`strip: ${why}`), problems.length && c.senv.reporter.warning(`${shown}: not stripped: ${why}`);
}
async function upxStep(w, c) {
  let { file: f, shown } = w, { reporter, env } = c.senv, upx = c.tools.upx, unsafe = f.info.upxPacked ? "already packed by UPX" : upxUnsafeReason(f.info);
  if (unsafe) {
    w.skipped.push(`upx: ${unsafe}`), f.info.upxPacked || reporter.notice(`${shown}: not packed with UPX: ${unsafe}`);
    return;
  }
  if (!upx) {
    w.skipped.push(`upx: ${c.tools.upxMissing ?? "not available"}`);
    return;
  }
  let out = c.tempFor(f.path, "upx");
  c.temps.push(out), await rm5(out, { force: !0 });
  let r = await c.timed(() => upxPack(upx, w.current, out, c.options.upxArgs, env));
  if (!r.packed) {
    let what = `UPX ${r.exception}${r.message ? `: ${r.message}` : ""}`;
    if (w.skipped.push(`upx: ${what}`), r.skip) reporter.notice(`${shown}: left unpacked: ${what}`);
    else {
      if (c.options.upx === "true") throw new GantryError(`${shown}: ${what}`);
      reporter.warning(`${shown}: left unpacked: ${what}`);
    }
    return;
  }
  let packedSize = (await stat5(out)).size;
  if (packedSize >= w.currentSize) {
    w.skipped.push(`upx: the packed file (${packedSize} B) is not smaller than ${w.currentSize} B`);
    return;
  }
  if (c.options.verify) {
    let bad = await c.timed(() => upxTest(upx, out, env));
    if (bad) throw new VerifyFailure(`upx -t failed: ${bad}`);
    w.verified.push("upx -t");
  }
  w.current = out, w.currentSize = packedSize, w.steps.push(`upx ${c.options.upxArgs.join(" ")} (${upx.version})`.replace("  ", " "));
}
async function smokeStep(w, c) {
  let { file: f, shown } = w, { options, senv } = c, runner = await c.timed(() => runnerFor(w.currentInfo, senv.env));
  if ("reason" in runner) {
    w.verified.push(`not run: ${runner.reason}`);
    return;
  }
  let before = await c.timed(() => smokeRun(f.path, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!before.ok) {
    senv.reporter.warning(`${shown}: smoke test not judged: the original itself fails: ${before.problem}`), w.verified.push("not run: the original fails the smoke test too");
    return;
  }
  let after = await c.timed(() => smokeRun(w.current, runner, options.smokeArgs, options.smokeTimeoutMs, senv.env));
  if (!after.ok) throw new VerifyFailure(`the slimmed binary fails its smoke test: ${after.problem?.replace(w.current, shown)}`);
  w.verified.push(`ran ${runner.label}: ${after.firstLine}`);
}

// packages/slim/src/slim.ts
async function prepareSlim(files, options, senv, changes = new Replacements()) {
  let started = performance.now(), toolMs = 0, timed = async (fn) => {
    let t = performance.now();
    try {
      return await fn();
    } finally {
      toolMs += performance.now() - t;
    }
  }, c = {
    options,
    senv,
    tools: await settleTools(files, options, senv, timed),
    temps: [],
    tempFor: (file, step) => changes.tempFor(file, step),
    timed
  }, results = [], failures2 = [];
  try {
    for (let f of files) results.push(await slimOne(f, c, failures2));
    if (failures2.length > 0 && options.onVerifyFailure === "fail")
      throw new GantryError(`verification failed; no file was changed:
${failures2.map((m) => `- ${m}`).join(`
`)}`);
    for (let { file, final, report } of results)
      final !== file.path ? (await chmod(final, file.mode), report.sha256 = await sha256File(final), changes.add(file.path, final, options.keepOriginal ? `${file.path}.orig` : void 0)) : report.sha256 = sha256(file.bytes);
  } catch (err2) {
    throw await changes.discard(), err2;
  } finally {
    let staged = (t) => results.some((r) => r.final === t && changes.staged(r.file.path) === t);
    await Promise.all(c.temps.filter((t) => !staged(t)).map((t) => rm6(t, { force: !0 })));
  }
  return { files: results.map((r) => r.report), upx: c.tools.upx, timing: { totalMs: performance.now() - started, toolMs }, changes };
}
async function slimOne(f, c, failures2) {
  let { options, senv } = c, shown = relative7(senv.cwd, f.path) || f.path, w = { file: f, shown, current: f.path, currentInfo: f.info, currentSize: f.size, steps: [], skipped: [], verified: [] }, report = { path: shown.split("\\").join("/"), target: f.target, before: f.size, after: f.size, ratio: 1, steps: w.steps, sha256: "" };
  if (options.reportPackages && f.info.go) {
    let sizes = await c.timed(() => packageSizes(f.path, f.info.sections, senv.env));
    "packages" in sizes ? report.packages = sizes.packages.slice(0, 15) : report["packages-reason"] = sizes.reason;
  }
  try {
    options.strip !== "false" && await stripStep(w, c), options.upx !== "false" && await upxStep(w, c), options.verify && options.smokeArgs.length > 0 && w.current !== f.path && await smokeStep(w, c);
  } catch (err2) {
    if (!(err2 instanceof VerifyFailure)) throw err2;
    let msg = `${shown}: ${err2.message}; the original is kept`;
    failures2.push(msg), w.skipped.push(`verify: ${err2.message}`), w.steps.length = 0, w.current = f.path, w.currentSize = f.size, options.onVerifyFailure === "restore-and-warn" && senv.reporter.warning(msg);
  }
  return w.skipped.length && (report["skipped-reason"] = w.skipped.join("; ")), w.verified.length && (report.verified = w.verified), report.after = w.currentSize, report.ratio = Math.round(w.currentSize / f.size * 1e4) / 1e4, { file: f, final: w.current, report };
}

// packages/slim/src/artifacts.ts
async function slimArtifacts(manifestPath, options, senv) {
  let prepared = await prepareArtifacts(manifestPath, options, senv);
  return await prepared.changes.commit(), prepared;
}
async function prepareArtifacts(manifestPath, options, senv) {
  let manifest = await readManifest(manifestPath), entries = manifest.artifacts.map((a) => ({ a, path: resolveInManifest(manifestPath, a.path) })), planned = await planFiles(
    entries.map((e) => ({ path: e.path, target: e.a.target, input: "manifest", named: `${manifestPath} (${e.a.target}: ${e.a.path})` })),
    senv.cwd
  ), changes = new Replacements();
  try {
    let result = await prepareSlim(planned, options, senv, changes), sums = /* @__PURE__ */ new Map(), rearchived = [];
    for (let [i2, { a, path }] of entries.entries()) {
      let r = result.files[i2];
      a.size = r.after, a.sha256 = r.sha256, a.slim = { before: r.before, after: r.after, steps: r.steps, ...r["skipped-reason"] ? { "skipped-reason": r["skipped-reason"] } : {} }, sums.set(a.path, r.sha256);
      let slimmed = changes.staged(path);
      if (a.archive && slimmed) {
        let archive = await stageArchive(resolveInManifest(manifestPath, a.archive), basename4(path), slimmed, changes, a.archive, a.path);
        archive.reproducible || senv.reporter.warning(`${a.archive}: rewritten with the slimmed binary, but its original compression settings could not be reproduced`), a["archive-sha256"] = archive.sha256, sums.set(a.archive, archive.sha256), rearchived.push(a.archive);
      }
    }
    if (typeof manifest.checksums == "string") {
      let file = resolveInManifest(manifestPath, manifest.checksums), text = await readFile7(file, "utf8").catch(() => {
      });
      text !== void 0 && await changes.write(file, updateChecksums(text, sums));
    }
    let staged = changes.tempFor(manifestPath, "manifest");
    return await writeManifest(staged, manifest), changes.add(manifestPath, staged), { ...result, changes, manifest, manifestPath, rearchived };
  } catch (err2) {
    throw await changes.discard(), err2;
  }
}
async function stageArchive(archivePath, member, slimmed, changes, shownArchive, shownBinary) {
  let bytes, reproducible;
  try {
    ({ bytes, reproducible } = await rearchive(archivePath, member, slimmed));
  } catch (err2) {
    throw new GantryError(`${shownArchive} could not be rewritten with the slimmed ${shownBinary} (${err2.message}); no file was changed`);
  }
  return await changes.write(archivePath, bytes), { sha256: sha256(bytes), reproducible };
}
function slimOptions(overrides = {}) {
  return { ...parseSlimInputs(new InputReader(() => {
  }, SLIM_INPUTS), "."), ...overrides };
}

// packages/slim/src/budget.ts
import { readFile as readFile8 } from "node:fs/promises";
async function readBaseline(path) {
  let text;
  try {
    text = await readFile8(path, "utf8");
  } catch (err2) {
    return { missing: `baseline ${path} cannot be read (${err2.code})` };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err2) {
    throw new GantryError(`baseline ${path} is not valid JSON: ${err2.message}`);
  }
  let files = Array.isArray(data) ? data : data?.files;
  if (!Array.isArray(files) || !files.every((f) => typeof f?.path == "string" && typeof f?.after == "number"))
    throw new GantryError(`baseline ${path} is not a slim size report (expected the report output or report-file: entries with path, target and after)`);
  return files.map((f) => ({ path: f.path, target: String(f.target ?? ""), after: f.after }));
}
function limitFor(budget, target) {
  let [os, arch] = target.split("/");
  return budget.perTarget[target] ?? budget.perTarget[`${os}/${arch}`] ?? budget.all;
}
function baselineFor(file, baseline) {
  let byPath = baseline.find((b) => b.path === file.path);
  if (byPath) return byPath;
  let sameTarget = baseline.filter((b) => b.target === file.target);
  return sameTarget.length === 1 ? sameTarget[0] : void 0;
}
function checkBudget(files, maxSize, maxGrowth, baseline) {
  let notes = [], rows = files.map((f) => {
    let row = { path: f.path, target: f.target, size: f.after, over: [] };
    if (maxSize && (row.limit = limitFor(maxSize, f.target), row.limit !== void 0 && f.after > row.limit && row.over.push(`${formatBytes(f.after)} is over max-size ${formatBytes(row.limit)}`)), maxGrowth !== void 0 && baseline) {
      let b = baselineFor(f, baseline);
      b ? (row.baseline = b.after, row.growth = b.after > 0 ? Math.round((f.after - b.after) / b.after * 1e4) / 100 : 0, row.growth > maxGrowth && row.over.push(`grew ${row.growth}% (${formatBytes(b.after)} → ${formatBytes(f.after)}), over max-growth ${maxGrowth}%`)) : notes.push(`${f.path}: not in the baseline, growth not checked`);
    }
    return row;
  });
  return { checked: maxSize !== void 0 || maxGrowth !== void 0 && baseline !== void 0, rows, failed: rows.filter((r) => r.over.length > 0), notes };
}

// packages/slim/src/stage.ts
import { dirname as dirname4, join as join11 } from "node:path";

// packages/slim/src/summary.ts
function percentChange(before, after) {
  if (before === 0) return "—";
  let p = (after - before) / before * 100;
  return `${p > 0 ? "+" : p < 0 ? "−" : "±"}${Math.abs(p).toFixed(1)}%`;
}
function sizeReport(files) {
  return {
    schema: 1,
    "total-before": files.reduce((s, f) => s + f.before, 0),
    "total-after": files.reduce((s, f) => s + f.after, 0),
    files: [...files]
  };
}
function reportOutput(files) {
  return files.map((f) => ({
    path: f.path,
    target: f.target,
    before: f.before,
    after: f.after,
    ratio: f.ratio,
    steps: f.steps,
    "skipped-reason": f["skipped-reason"] ?? "",
    sha256: f.sha256
  }));
}
function budgetSection(v) {
  if (!v.checked) return "Budget: none set (max-size, max-growth).";
  let rows = v.rows.map((r) => [
    `\`${r.path}\``,
    r.target,
    formatBytes(r.size),
    r.limit !== void 0 ? formatBytes(r.limit) : "—",
    r.baseline !== void 0 ? `${formatBytes(r.baseline)} (${r.growth !== void 0 && r.growth > 0 ? "+" : ""}${r.growth}%)` : "—",
    r.over.length ? `❌ ${r.over.join("; ")}` : "✅"
  ]);
  return [v.failed.length ? `**Budget: ❌ ${v.failed.length} of ${v.rows.length} over budget**` : "**Budget: ✅ within budget**", "", table(["File", "Target", "Size", "max-size", "Baseline", "Verdict"], rows), ...v.notes.map((n) => `
- ${n}`)].join(`
`);
}
function slimSummary(files, budget) {
  let r = sizeReport(files), reasons = files.map((f) => f["skipped-reason"] ? f["skipped-reason"].split("; ") : []), notes = [...new Set(reasons.flat())].filter((x2) => reasons.filter((rs) => rs.includes(x2)).length > 1), rows = files.map((f, i2) => [
    `\`${f.path}\``,
    f.target,
    formatBytes(f.before),
    formatBytes(f.after),
    percentChange(f.before, f.after),
    f.steps.join(", ") || "—",
    (reasons[i2] ?? []).map((x2) => notes.includes(x2) ? `[${notes.indexOf(x2) + 1}]` : x2).join("; ")
  ]), parts = [
    `### slim: ${formatBytes(r["total-before"])} → ${formatBytes(r["total-after"])} (${percentChange(r["total-before"], r["total-after"])}) over ${files.length} binar${files.length === 1 ? "y" : "ies"}`,
    "",
    table(["File", "Target", "Before", "After", "Change", "Steps", "Skipped"], rows),
    ...notes.length ? ["", ...notes.map((x2, i2) => `[${i2 + 1}] ${x2}  `)] : [],
    "",
    budgetSection(budget),
    ""
  ], noPackages = /* @__PURE__ */ new Map();
  for (let f of files)
    if (f.packages?.length) {
      let total = f.packages.reduce((s, p) => s + p.bytes, 0), pkgRows = f.packages.map((p) => [`\`${p.package}\``, formatBytes(p.bytes), `${(p.bytes / f.before * 100).toFixed(1)}%`, p.symbols]);
      parts.push(
        details(
          `Largest Go packages in ${f.path} (${f.target})`,
          `${table(["Package", "Size", "Of the file", "Symbols"], pkgRows)}

These ${f.packages.length} rows hold ${formatBytes(total)} of the unslimmed file (go tool nm sizes, each byte counted once). Rows in brackets are the linker's tables and the debug data strip removes.`
        ),
        ""
      );
    } else f["packages-reason"] && noPackages.set(f["packages-reason"], [...noPackages.get(f["packages-reason"]) ?? [], f.path]);
  for (let [reason, paths] of noPackages) parts.push(`Package sizes not available for ${paths.map((p) => `\`${p}\``).join(", ")}: ${reason}`, "");
  return parts.join(`
`);
}

// packages/slim/src/stage.ts
var REPORT_FILE = "slim-report.json";
async function runSlim(inputs, ctx) {
  let senv = { reporter: ctx.reporter, env: ctx.env, cwd: inputs.cwd }, prepared, manifest = "";
  if (inputs.files.length > 0)
    prepared = await prepareSlim(await planFiles(await filesFromGlobs(inputs.files, inputs.cwd), inputs.cwd), inputs, senv);
  else {
    if (!await exists(inputs.manifest))
      throw new GantryError(`no manifest at ${inputs.manifest}: run go-build first, set manifest to its artifacts.json, or list executables in files`);
    prepared = await prepareArtifacts(inputs.manifest, inputs, senv), manifest = inputs.manifest;
  }
  try {
    let budget = checkBudget(prepared.files, inputs.maxSize, inputs.maxGrowth, await baselineOf(inputs, ctx)), reportFile = inputs.reportFile || (manifest ? join11(dirname4(manifest), REPORT_FILE) : ""), report = sizeReport(prepared.files);
    if (ctx.setOutput("report", reportOutput(prepared.files)), ctx.setOutput("total-before", report["total-before"]), ctx.setOutput("total-after", report["total-after"]), ctx.setOutput("manifest", manifest), ctx.setOutput("report-file", reportFile), ctx.summary(slimSummary(prepared.files, budget)), ctx.reporter.debug(`slim: ${formatDuration(prepared.timing.totalMs)} in all, ${formatDuration(prepared.timing.toolMs)} in the tools it ran`), budget.failed.length > 0) {
      let lines = budget.failed.map((r) => `- ${r.path} (${r.target}, ${formatBytes(r.size)}): ${r.over.join("; ")}`);
      throw new GantryError(`over the size budget; no file was changed:
${lines.join(`
`)}`);
    }
    return reportFile && await prepared.changes.write(reportFile, `${JSON.stringify(report, null, 2)}
`), await prepared.changes.commit(), { result: prepared, budget, manifest, reportFile };
  } finally {
    await prepared.changes.discard();
  }
}
async function baselineOf(inputs, ctx) {
  if (!inputs.baseline) return;
  let b = await readBaseline(inputs.baseline);
  if (!("missing" in b)) return b;
  ctx.reporter.warning(`${b.missing}: max-growth is not checked this time (the first run on a branch has none)`);
}
var slimStage = {
  name: "slim",
  description: "Make binaries smaller (strip, UPX) and prove they still start; size report, top packages and a size budget.",
  inputs: SLIM_INPUTS,
  parse: (read, ctx) => parseSlimInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    await runSlim(inputs, ctx);
  }
};

// packages/go-build/src/stage.ts
async function packBuilt(r, upx, ctx) {
  let slimmed = await slimArtifacts(r.manifestPath, slimOptions({ upx, strip: "false", reportPackages: !1 }), {
    reporter: ctx.reporter,
    env: ctx.env,
    cwd: ctx.cwd
  });
  r.manifest = slimmed.manifest, r.artifacts = r.artifacts.map((a, i2) => ({ ...a, ...slimmed.manifest.artifacts[i2], absolutePath: a.absolutePath, buildMs: a.buildMs }));
}
function goBuildSummary(r) {
  let rows = r.artifacts.map((a) => [
    `\`${a.target}\``,
    a.path,
    formatBytes(a.size),
    `\`${a.sha256.slice(0, 12)}\``,
    a.archive ?? "—",
    formatDuration(a.buildMs)
  ]);
  return [
    `### go-build: ${r.manifest.project} ${r.info.version}`,
    "",
    `go ${r.go.version} · commit \`${r.info.commit.slice(0, 12)}\` · ${r.info.date} · cache ${r.cacheHit ? "hit" : "miss"}`,
    "",
    table(["Target", "Binary", "Size", "sha256", "Archive", "Build time"], rows),
    ""
  ].join(`
`);
}
function setGoBuildOutputs(r, ctx) {
  ctx.setOutput(
    "artifacts",
    r.artifacts.map((a) => ({
      name: a.name,
      target: a.target,
      os: a.os,
      arch: a.arch,
      variant: a.variant,
      path: a.absolutePath,
      size: a.size,
      sha256: a.sha256,
      archive: a.archive ? join12(dirname5(r.manifestPath), a.archive) : "",
      "archive-sha256": a["archive-sha256"] ?? ""
    }))
  ), ctx.setOutput("manifest", r.manifestPath), ctx.setOutput("checksums", r.checksumsPath ?? ""), ctx.setOutput("version", r.info.version), ctx.setOutput("cache-hit", r.cacheHit);
}
var goBuildStage = {
  name: "go-build",
  description: "Cross-compile a Go service for many targets, reproducibly, with archives and checksums.",
  inputs: GO_BUILD_INPUTS,
  parse: (read, ctx) => parseGoBuildInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    let r = await goBuild(inputs, ctx);
    inputs.upx !== "false" && await packBuilt(r, inputs.upx, ctx), setGoBuildOutputs(r, ctx), ctx.summary(goBuildSummary(r));
    let children = childProcessTime();
    ctx.reporter.debug(
      `go-build timing: ${Math.round(r.timing.totalMs)} ms in all, ${Math.round(children)} ms in child processes, ${Math.round(r.timing.totalMs - children)} ms gantry's own`
    );
  },
  post: (ctx) => saveCachePlan(ctx.reporter, ctx.state)
};

// packages/go-test/src/annotate.ts
import { isAbsolute as isAbsolute6, relative as relative8 } from "node:path";
function workspacePath(file, workspace) {
  if (!file) return;
  let rel = relative8(workspace, file);
  return rel.startsWith("..") || isAbsolute6(rel) ? void 0 : rel.split("\\").join("/");
}
function at(ref2, workspace) {
  let file = ref2 ? workspacePath(ref2.file, workspace) : void 0;
  return file && ref2 ? { file, line: ref2.line, col: ref2.col } : {};
}
var MESSAGE_LINES = 12;
function clip(message) {
  let lines = message.split(`
`);
  return lines.length > MESSAGE_LINES ? [...lines.slice(0, MESSAGE_LINES), `… ${lines.length - MESSAGE_LINES} more lines in the job summary`].join(`
`) : message;
}
function annotations(layers, workspace) {
  let errors = [], warnings = [];
  for (let l of layers) {
    for (let f of l.packageFailures)
      if (f.buildErrors.length > 0)
        for (let e of f.buildErrors.slice(0, 10))
          errors.push({ level: "error", title: `build failed: ${f.package} (${l.layer})`, message: e.message, ...at(e, workspace) });
      else {
        let kind = f.located.kind === "panic" ? "panicked" : f.located.kind === "timeout" ? "timed out" : "failed", title2 = f.located.kind === "build" ? `build failed: ${f.package} (${l.layer})` : `${f.package} ${kind} (${l.layer})`;
        errors.push({ level: "error", title: title2, message: clip(f.located.message), ...at(f.located.ref, workspace) });
      }
    for (let t of l.tests) {
      if (!t.failure) continue;
      let { located } = t.failure;
      if (t.status === "fail" && t.leaf) {
        let what = located.kind === "panic" ? "panicked" : located.kind === "timeout" ? "did not finish" : located.kind === "race" ? "has a data race" : "failed", attempts = t.attempts.length > 1 ? `, in all ${t.attempts.length} attempts` : "";
        errors.push({ level: "error", title: `${t.name} ${what} (${l.layer}${attempts})`, message: clip(located.message), ...at(located.ref, workspace) });
      } else if (t.flaky) {
        let pass = t.attempts.indexOf("pass") + 1;
        warnings.push({
          level: "warning",
          title: `${t.name} is flaky (${l.layer})`,
          message: `failed, then passed on attempt ${pass}: ${clip(located.message)}`,
          ...at(located.ref, workspace)
        });
      }
    }
    let tool = l.layer === "vet" ? "go vet" : l.layer === "lint" ? "lint" : "govulncheck";
    for (let f of l.findings) errors.push({ level: "error", title: tool, message: f.message, ...at(f.file ? f : void 0, workspace) });
  }
  return [...errors, ...warnings];
}
function annotate(layers, workspace, reporter) {
  let all = annotations(layers, workspace);
  for (let a of all.slice(0, MAX_ANNOTATIONS)) reporter.annotate(a);
  let rest = all.length - MAX_ANNOTATIONS;
  rest > 0 && reporter.info(`${rest} more failure(s) not annotated (GitHub shows ${MAX_ANNOTATIONS} per step); all are in the job summary and the JUnit file`);
}

// packages/go-test/src/capped.ts
var CappedText = class {
  constructor(head = 16 * 1024, tail = 48 * 1024) {
    this.head = head;
    this.tail = tail;
  }
  head;
  tail;
  headText = "";
  tailParts = [];
  tailSize = 0;
  dropped = 0;
  full = !1;
  append(text) {
    if (!this.full) {
      let room = this.head - this.headText.length;
      if (text.length <= room) {
        this.headText += text;
        return;
      }
      let nl = text.lastIndexOf(`
`, room - 1), cut = nl >= 0 ? nl + 1 : room;
      this.headText += text.slice(0, cut), text = text.slice(cut), this.full = !0;
    }
    for (text.length > this.tail && (this.dropped += text.length - this.tail, text = text.slice(text.length - this.tail)), this.tailParts.push(text), this.tailSize += text.length; this.tailSize > this.tail && this.tailParts.length > 1; ) {
      let first = this.tailParts.shift();
      this.tailSize -= first.length, this.dropped += first.length;
    }
  }
  /** Characters dropped from the middle. */
  get omitted() {
    return this.dropped;
  }
  get length() {
    return this.headText.length + this.tailSize;
  }
  toString() {
    let tail = this.tailParts.join("");
    return this.dropped === 0 ? this.headText + tail : `${this.headText}… ${this.dropped} characters of output omitted …
${tail}`;
  }
  /** The text as lines, without a trailing empty line. */
  lines() {
    let text = this.toString();
    return (text.endsWith(`
`) ? text.slice(0, -1) : text).split(`
`);
  }
};
function shorten(text, max2) {
  if (text.length <= max2) return text;
  let marker = `
… ${text.length - max2} characters omitted …
`, keep2 = Math.max(0, max2 - marker.length), head = Math.floor(keep2 / 3);
  return text.slice(0, head) + marker + text.slice(text.length - (keep2 - head));
}

// packages/go-test/src/coverage.ts
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
var CoverageMerger = class {
  blocks = /* @__PURE__ */ new Map();
  mode = "atomic";
  /** Adds one line of a profile (`mode:` lines set the mode). */
  line(text) {
    if (text.startsWith("mode:")) {
      this.mode = text.slice(5).trim();
      return;
    }
    let lastSpace = text.lastIndexOf(" "), midSpace = text.lastIndexOf(" ", lastSpace - 1);
    if (lastSpace < 0 || midSpace < 0) return;
    let block = text.slice(0, midSpace), stmts = Number(text.slice(midSpace + 1, lastSpace)), count = Number(text.slice(lastSpace + 1));
    if (!Number.isFinite(stmts) || !Number.isFinite(count)) return;
    let prev = this.blocks.get(block);
    prev ? prev.count = this.mode === "set" ? Math.max(prev.count, count) : prev.count + count : this.blocks.set(block, { stmts, count });
  }
  /** Streams a profile file in; a missing file (a package that failed to build) adds nothing. */
  async addFile(path) {
    try {
      let rl = createInterface({ input: createReadStream(path), crlfDelay: Number.POSITIVE_INFINITY });
      for await (let l of rl) l && this.line(l);
      return !0;
    } catch {
      return !1;
    }
  }
  get size() {
    return this.blocks.size;
  }
  /** Statement coverage in percent (as `go tool cover -func` totals it), or undefined with no blocks. */
  percent() {
    let total = 0, covered = 0;
    for (let b of this.blocks.values())
      total += b.stmts, b.count > 0 && (covered += b.stmts);
    return total === 0 ? void 0 : covered / total * 100;
  }
  /** The merged profile, readable by `go tool cover`. */
  toString() {
    let lines = [`mode: ${this.mode}`];
    for (let [block, { stmts, count }] of this.blocks) lines.push(`${block} ${stmts} ${count}`);
    return `${lines.join(`
`)}
`;
  }
  async write(path) {
    await writeFileAtomic(path, this.toString());
  }
};
function formatPercent(p) {
  return p.toFixed(1);
}

// packages/go-test/src/e2e.ts
import { constants as constants3 } from "node:fs";
import { access as access2, chmod as chmod2, stat as stat6 } from "node:fs/promises";
import { basename as basename5 } from "node:path";

// packages/go-test/src/processes.ts
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, readdirSync } from "node:fs";
import { join as join13 } from "node:path";
var live = /* @__PURE__ */ new Set(), exitHookInstalled = !1;
function installExitHook() {
  exitHookInstalled || (exitHookInstalled = !0, process.on("exit", () => {
    for (let p of live) killGroup(p.pid, "SIGKILL");
  }));
}
function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
    }
  }
}
function startProcess(label, command, args, opts) {
  mkdirSync(opts.logDir, { recursive: !0 });
  let logFile = join13(opts.logDir, opts.logName), fd2 = openSync(logFile, "w"), child;
  try {
    child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: !0, stdio: ["ignore", fd2, fd2] });
  } finally {
    closeSync(fd2);
  }
  let proc = { label, child, pid: child.pid ?? -1, logFile, exitedPromise: Promise.resolve() };
  return proc.exitedPromise = new Promise((res) => {
    child.once("exit", (code, signal) => {
      proc.exited = { code, signal }, live.delete(proc), res();
    }), child.once("error", (err2) => {
      proc.exited = { code: err2.code === "ENOENT" ? 127 : 126, signal: null }, live.delete(proc), res();
    });
  }), child.pid !== void 0 && (live.add(proc), installExitHook()), proc;
}
function logTail(p, n = 20) {
  try {
    return lastLines(readFileSync(p.logFile, "utf8"), n);
  } catch {
    return "";
  }
}
function howExited(p) {
  return p.exited ? p.pid < 0 || p.exited.code === 127 ? "could not start (command not found)" : p.exited.signal ? `was killed by ${p.exited.signal}` : `exited with code ${p.exited.code}` : "is still running";
}
async function waitExit(p, ms) {
  if (p.exited) return !0;
  let timer, timedOut = new Promise((res) => {
    timer = setTimeout(() => res(!1), ms);
  }), done = await Promise.race([p.exitedPromise.then(() => !0), timedOut]);
  return clearTimeout(timer), done;
}
function groupAlive(pgid) {
  if (process.platform === "linux")
    try {
      for (let entry of readdirSync("/proc"))
        if (/^\d+$/.test(entry))
          try {
            let stat13 = readFileSync(`/proc/${entry}/stat`, "utf8"), [state, , pgrp] = stat13.slice(stat13.lastIndexOf(")") + 2).split(" ");
            if (Number(pgrp) === pgid && state !== "Z" && state !== "X") return !0;
          } catch {
          }
      return !1;
    } catch {
    }
  try {
    return process.kill(-pgid, 0), !0;
  } catch {
    return !1;
  }
}
async function untilGone(p, ms) {
  let deadline = Date.now() + ms;
  for (; Date.now() < deadline; ) {
    if (p.exited && !groupAlive(p.pid)) return !0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return p.exited !== void 0 && !groupAlive(p.pid);
}
async function stopProcess(p, graceMs = 5e3) {
  return p.pid < 0 || p.exited && !groupAlive(p.pid) || (killGroup(p.pid, "SIGTERM"), await untilGone(p, graceMs)) ? "exited" : (killGroup(p.pid, "SIGKILL"), await untilGone(p, 5e3), "killed");
}

// packages/go-test/src/services.ts
import { connect } from "node:net";

// packages/go-test/src/secrets.ts
var SECRET_FLAG = /^--?[A-Za-z0-9_-]*(pass|secret|token|api-?key|auth|credential|private)[A-Za-z0-9_-]*$/i;
function argSecrets(args) {
  let out = [];
  for (let [i2, arg] of args.entries()) {
    out.push(...urlPasswords(arg));
    let flag = /^(--?[A-Za-z0-9_-]+)(?:=([\s\S]*))?$/.exec(arg);
    if (flag && SECRET_FLAG.test(flag[1])) {
      let value = flag[2] ?? args[i2 + 1];
      value && (flag[2] !== void 0 || !value.startsWith("-")) && out.push(value);
      continue;
    }
    let kv = /^(?:--?[A-Za-z0-9-]+=|-e)?([A-Za-z_][A-Za-z0-9_]*)=([\s\S]+)$/.exec(arg);
    kv && isSecretName(kv[1]) && out.push(kv[2]);
  }
  return unique(out);
}
function unique(values) {
  return [...new Set(values.filter((v) => v.length > 0))];
}
function redactor(secrets) {
  let sorted2 = unique([...secrets]).sort((a, b) => b.length - a.length);
  return sorted2.length === 0 ? (text) => text : (text) => sorted2.reduce((t, s) => t.split(s).join("***"), text);
}
function redactingReporter(inner, redact) {
  let where2 = (w) => w?.title ? { ...w, title: redact(w.title) } : w;
  return {
    info: (m) => inner.info(redact(m)),
    debug: (m) => inner.debug(redact(m)),
    annotate: (a) => inner.annotate({ ...a, message: redact(a.message), ...a.title ? { title: redact(a.title) } : {} }),
    warning: (m, w) => inner.warning(redact(m), where2(w)),
    notice: (m, w) => inner.notice(redact(m), where2(w)),
    group: (title2, fn) => inner.group(redact(title2), fn),
    mask: (s) => inner.mask(s),
    flush: () => inner.flush()
  };
}

// packages/go-test/src/words.ts
var WordsError = class extends Error {
};
function splitWords(text) {
  let words = [], current = "", quoted = !1, inWord = !1, quote;
  for (let i2 = 0; i2 < text.length; i2++) {
    let c = text[i2];
    if (quote) {
      c === quote ? quote = void 0 : c === "\\" && quote === '"' && (text[i2 + 1] === '"' || text[i2 + 1] === "\\") ? current += text[++i2] : current += c;
      continue;
    }
    if (c === "'" || c === '"')
      quote = c, quoted = !0, inWord = !0;
    else if (c === "\\") {
      if (i2 + 1 >= text.length) throw new WordsError("it ends with a lone backslash");
      current += text[++i2], inWord = !0;
    } else /\s/.test(c) ? (inWord && words.push({ text: current, quoted }), current = "", quoted = !1, inWord = !1) : (current += c, inWord = !0);
  }
  if (quote) throw new WordsError(`a ${quote} quote is not closed`);
  return inWord && words.push({ text: current, quoted }), words;
}
var SHELL_ONLY = /^(&&|\|\||;|&|>|>>|<|<<|2>&1|2>)$|^[<>]|[`]|\$\(/;
function shellOnlyWord(words) {
  return words.find((w) => !w.quoted && SHELL_ONLY.test(w.text))?.text;
}

// packages/go-test/src/services.ts
var DEFAULT_SERVICE_TIMEOUT_MS = 3e4, ACCEPTED = "accepted: one service per line, `[KEY=value …] command args… | tcp://127.0.0.1:5432 | 30s` (readiness check and timeout optional; no shell: no pipes, &&, redirections or $VARS)";
function parseReadiness(text, line) {
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new InputError("services", line, `readiness ${JSON.stringify(text)} is not a URL; ${ACCEPTED}`);
  }
  if (url.protocol === "tcp:") {
    let port = Number(url.port);
    if (!url.hostname || !url.port || !Number.isInteger(port) || port < 1 || port > 65535 || url.pathname && url.pathname !== "/")
      throw new InputError("services", line, `readiness ${JSON.stringify(text)} needs a host and a port, e.g. tcp://127.0.0.1:5432`);
    return { kind: "tcp", host: url.hostname.replace(/^\[|\]$/g, ""), port, text };
  }
  if (url.protocol === "http:" || url.protocol === "https:") return { kind: "http", url: url.toString(), text };
  throw new InputError("services", line, `readiness ${JSON.stringify(text)} has scheme ${url.protocol}; accepted: tcp://host:port, http://… or https://…`);
}
function parseServices(lines) {
  return lines.map((line, i2) => {
    try {
      return parseService(line, i2);
    } catch (err2) {
      if (!(err2 instanceof InputError)) throw err2;
      let redact = redactor(argSecrets(line.split(/\s+/)));
      throw new InputError(err2.input, redact(err2.value), redact(err2.accepted));
    }
  });
}
function parseService(line, i2) {
  let words;
  try {
    words = splitWords(line);
  } catch (err2) {
    throw new InputError("services", line, `${err2.message}; ${ACCEPTED}`);
  }
  let parts = [[]];
  for (let w of words)
    !w.quoted && w.text === "|" ? parts.push([]) : parts[parts.length - 1].push(w);
  if (parts.length > 3) throw new InputError("services", line, `it has more than two | separators; ${ACCEPTED}`);
  let [cmdWords = [], readyWords = [], timeoutWords = []] = parts, shell = shellOnlyWord(cmdWords);
  if (shell) throw new InputError("services", line, `${JSON.stringify(shell)} needs a shell, and services start without one; ${ACCEPTED}`);
  let env = {}, k = 0;
  for (; k < cmdWords.length; k++) {
    let m = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/.exec(cmdWords[k].text);
    if (!m) break;
    env[m[1]] = m[2];
  }
  let [command, ...args] = cmdWords.slice(k).map((w) => w.text);
  if (!command) throw new InputError("services", line, `it names no command; ${ACCEPTED}`);
  if (readyWords.length > 1 || timeoutWords.length > 1) throw new InputError("services", line, ACCEPTED);
  let ready = readyWords[0] ? parseReadiness(readyWords[0].text, line) : void 0, timeoutMs = DEFAULT_SERVICE_TIMEOUT_MS;
  if (timeoutWords[0]) {
    let ms = parseDuration(timeoutWords[0].text);
    if (ms === void 0 || ms <= 0)
      throw new InputError("services", line, `timeout ${JSON.stringify(timeoutWords[0].text)} is not a duration such as 30s or 2m`);
    timeoutMs = ms;
  }
  let secrets = [.../* @__PURE__ */ new Set([...envSecrets(env), ...argSecrets([command, ...args]), ...argSecrets(ready ? [ready.text] : [])])], shown = redactor(secrets)([command, ...args].join(" "));
  return { label: `services[${i2 + 1}] (${shown.length > 60 ? `${shown.slice(0, 57)}…` : shown})`, command, args, env, ready, timeoutMs, secrets };
}
async function probe(ready) {
  if (ready.kind === "tcp")
    return new Promise((res) => {
      let socket = connect({ host: ready.host, port: ready.port }), done = (ok) => {
        socket.destroy(), res(ok);
      };
      socket.setTimeout(1e3, () => done(!1)), socket.once("connect", () => done(!0)), socket.once("error", () => done(!1));
    });
  try {
    let res = await fetch(ready.url, { redirect: "manual", signal: AbortSignal.timeout(2e3) });
    return await res.arrayBuffer().catch(() => {
    }), res.status >= 200 && res.status < 400;
  } catch {
    return !1;
  }
}
async function awaitReady(p, ready, timeoutMs) {
  let deadline = Date.now() + timeoutMs;
  if (!ready)
    return await waitExit(p, Math.min(500, timeoutMs)), p.exited ? "exited" : "ready";
  for (; Date.now() < deadline; ) {
    if (p.exited) return "exited";
    if (await probe(ready)) return p.exited ? "exited" : "ready";
    await new Promise((r) => setTimeout(r, 200));
  }
  return p.exited ? "exited" : "timeout";
}
async function startServices(specs, opts, reporter) {
  let started = [];
  for (let [i2, s] of specs.entries()) {
    let began = performance.now(), p = startProcess(s.label, s.command, s.args, { cwd: opts.cwd, env: { ...opts.env, ...s.env }, logDir: opts.logDir, logName: `service-${i2 + 1}.log` });
    started.push(p);
    let outcome = await awaitReady(p, s.ready, s.timeoutMs);
    if (outcome !== "ready") {
      await Promise.all(started.map((q) => stopProcess(q)));
      let why = outcome === "exited" ? `${howExited(p)} before it was ready${s.ready ? ` (check: ${s.ready.text})` : ""}` : `was not ready at ${s.ready?.text} within ${formatDuration(s.timeoutMs)}`, tail = logTail(p);
      throw new GantryError(`${s.label} ${why}; no test ran. Its last log lines:
${tail || "(no output)"}`);
    }
    reporter.info(
      `${s.label}: ready${s.ready ? ` at ${s.ready.text}` : ""} after ${formatDuration(performance.now() - began)} (pid ${p.pid}, log ${p.logFile})`
    );
  }
  return started;
}

// packages/go-test/src/e2e.ts
async function resolveE2eBinary(e2eBinary, manifestPath) {
  let path = e2eBinary;
  if (!path) {
    let manifest = await readManifest(manifestPath), host = hostTarget(), own = manifest.artifacts.filter((a) => a.os === host.os && a.arch === host.arch), pick = own.find((a) => !a.variant || a.variant === "v1" || a.variant === "v8") ?? own[0];
    if (!pick)
      throw new GantryError(
        `the e2e layer needs a ${formatTarget(host)} binary to run on this runner, and ${manifestPath} lists only ${manifest.artifacts.map((a) => a.target).join(", ") || "nothing"}; add ${formatTarget(host)} to go-build's targets or set e2e-binary`
      );
    path = resolveInManifest(manifestPath, pick.path), await restoreExecutable(path, pick.sha256);
  }
  try {
    await access2(path, constants3.X_OK);
  } catch {
    throw new GantryError(`the e2e binary ${path} ${e2eBinary ? "(e2e-binary)" : `(from ${manifestPath})`} does not exist or is not executable`);
  }
  return path;
}
async function restoreExecutable(path, sha2562) {
  let mode = await stat6(path).then(
    (s) => s.mode,
    () => {
    }
  );
  mode === void 0 || (mode & 73) !== 0 || await sha256File(path) === sha2562 && await chmod2(path, mode & 4095 | 73);
}
async function startE2e(o) {
  let port = o.port || await freePort(), baseUrl = `http://127.0.0.1:${port}`, proc = startProcess(`e2e binary ${basename5(o.binary)}`, o.binary, o.args, {
    cwd: o.cwd,
    env: { ...o.env, PORT: String(port) },
    logDir: o.logDir,
    logName: "e2e-binary.log"
  }), health = `${baseUrl}${o.health}`, outcome = await awaitReady(proc, { kind: "http", url: health, text: health }, o.startTimeoutMs);
  if (outcome !== "ready") {
    proc.exited || (process.kill(-proc.pid, "SIGKILL"), await waitExit(proc, 5e3));
    let why = outcome === "exited" ? `${howExited(proc)} before ${health} answered` : `did not answer ${health} with 2xx within ${formatDuration(o.startTimeoutMs)}`;
    throw new E2eError(`${basename5(o.binary)} (PORT=${port}) ${why}`, logTail(proc));
  }
  return { proc, port, baseUrl };
}
var E2eError = class extends GantryError {
  constructor(message, logTail2) {
    super(message);
    this.logTail = logTail2;
  }
  logTail;
};
async function shutdownE2e(s, timeoutMs) {
  let began = performance.now();
  if (s.proc.exited) return { ok: !1, reason: `the binary ${howExited(s.proc)} while the e2e tests ran`, ms: 0 };
  process.kill(s.proc.pid, "SIGTERM");
  let exited = await waitExit(s.proc, timeoutMs), ms = performance.now() - began;
  if (!exited)
    return process.kill(-s.proc.pid, "SIGKILL"), await waitExit(s.proc, 5e3), { ok: !1, reason: `the binary did not exit within e2e-shutdown-timeout (${formatDuration(timeoutMs)}) after SIGTERM; it was killed`, ms };
  let { code, signal } = s.proc.exited ?? { code: null, signal: null };
  return signal ? { ok: !1, reason: `the binary was killed by ${signal}: it does not handle SIGTERM, so in-flight requests would be cut off`, ms } : code !== 0 ? { ok: !1, reason: `the binary exited with code ${code} after SIGTERM (a graceful shutdown exits 0)`, ms } : { ok: !0, ms };
}

// packages/go-test/src/events.ts
var NOT_JSON_BUILD_FAILED = /^FAIL\s+(\S+)\s+\[(build|setup) failed\]/, COVERAGE = /^coverage: (\d+(?:\.\d+)?%)/, MAX_BUILD_LINES = 200, UNNAMED_PACKAGE = "(test binary)", GoTestStream = class {
  packages = /* @__PURE__ */ new Map();
  /**
   * The package of events that carry no `Package`: `go tool test2json -t ./x.test` on a compiled
   * test binary writes none (issue 10), and its events are the one package the binary tests.
   */
  unnamedPackage;
  /** Lines that were neither JSON nor understood (kept bounded, for the log). */
  other = new CappedText(4 * 1024, 12 * 1024);
  events = 0;
  /** Called with the lines a plain `go test` would print: package results and `--- FAIL` lines. */
  onProgress;
  builds = [];
  currentBuild;
  lastTime;
  constructor(options = {}) {
    this.unnamedPackage = options.package || UNNAMED_PACKAGE;
  }
  /** One line of stdout. */
  stdoutLine(line) {
    if (line.length === 0) return;
    if (line.charCodeAt(0) === 123) {
      let event;
      try {
        event = JSON.parse(line);
      } catch {
        event = void 0;
      }
      if (event && typeof event.Action == "string") {
        this.event(event);
        return;
      }
    }
    let failed = NOT_JSON_BUILD_FAILED.exec(line);
    if (failed) {
      let pkg = this.pkg(failed[1]);
      pkg.status = "fail", pkg.failedBuild ??= failed[1], pkg.output.append(`${line}
`), this.onProgress?.(line);
      return;
    }
    this.other.append(`${line}
`);
  }
  /** One line of stderr: before Go 1.24, this is where compiler errors go. */
  stderrLine(line) {
    this.buildLine(void 0, line);
  }
  /** Handles one event. */
  event(e) {
    if (this.events++, e.Time && (this.lastTime = e.Time), e.Action === "build-output") {
      this.buildLine(e.ImportPath, (e.Output ?? "").replace(/\n$/, ""));
      return;
    }
    if (e.Action === "build-fail") return;
    let pkg = this.pkg(e.Package || this.unnamedPackage);
    e.Test ? this.testEvent(pkg, e.Test, e) : this.packageEvent(pkg, e);
  }
  testEvent(pkg, name, e) {
    let tc = pkg.tests.get(name);
    switch (tc || (tc = { package: pkg.name, name, status: "unfinished", elapsed: 0, output: new CappedText() }, pkg.tests.set(name, tc)), e.Action) {
      case "run":
        tc.startedAt = e.Time;
        return;
      case "output": {
        let text = e.Output ?? "";
        e.OutputType === "error" ? tc.errorLines || (tc.errorLines = [text.replace(/\n$/, "")]) : e.OutputType === "error-continue" && tc.errorLines && tc.errorLines.length < 50 && tc.errorLines.push(text.replace(/\n$/, "")), tc.output?.append(text), this.onProgress && /^\s*--- FAIL/.test(text) && this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "bench":
        tc.status = "pass", tc.elapsed = e.Elapsed ?? 0, tc.output = void 0;
        return;
      case "skip":
        tc.status = "skip", tc.elapsed = e.Elapsed ?? 0, tc.skipReason = skipReason(tc.output), tc.output = void 0;
        return;
      case "fail":
        tc.status = "fail", tc.elapsed = e.Elapsed ?? 0;
        return;
      default:
        return;
    }
  }
  packageEvent(pkg, e) {
    switch (e.Action) {
      case "output": {
        let text = e.Output ?? "", cov = COVERAGE.exec(text);
        cov && (pkg.coverage = cov[1]), pkg.output.append(text), this.onProgress && /^(ok|FAIL|\?)\s/.test(text) && this.onProgress(text.trimEnd());
        return;
      }
      case "pass":
      case "skip":
        pkg.status = e.Action, pkg.elapsed = e.Elapsed ?? 0;
        return;
      case "fail":
        pkg.status = "fail", pkg.elapsed = e.Elapsed ?? 0, e.FailedBuild && (pkg.failedBuild = e.FailedBuild);
        return;
      default:
        return;
    }
  }
  buildLine(importPath, line) {
    let header = /^# (\S+)/.exec(line);
    if (header) {
      this.currentBuild = { importPath: importPath ?? header[1], lines: [] }, this.builds.push(this.currentBuild);
      return;
    }
    if (line.trim() === "") return;
    let path = importPath?.split(" ")[0], block = this.currentBuild;
    path !== void 0 && block?.importPath.split(" ")[0] !== path && (block = { importPath: path, lines: [] }, this.builds.push(block), this.currentBuild = block), block || (block = { importPath: "", lines: [] }, this.builds.push(block), this.currentBuild = block), block.lines.length < MAX_BUILD_LINES && block.lines.push(line);
  }
  /**
   * Ends the stream: tests still running are `unfinished` (their elapsed time runs to the last
   * event), and each failed build gets the compiler output that belongs to it.
   */
  finish() {
    let end = this.lastTime ? Date.parse(this.lastTime) : Number.NaN;
    for (let pkg of this.packages.values()) {
      for (let tc of pkg.tests.values())
        tc.status === "unfinished" && tc.startedAt && !Number.isNaN(end) && (tc.elapsed = Math.max(0, (end - Date.parse(tc.startedAt)) / 1e3));
      if (pkg.status === "unfinished" && [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished") && (pkg.status = "fail"), pkg.failedBuild === void 0) continue;
      let own = this.builds.filter((b) => stripBrackets(b.importPath) === stripBrackets(pkg.failedBuild)), blocks = own.length > 0 ? own : this.builds.filter((b) => b.lines.length > 0);
      pkg.buildOutput = blocks.flatMap((b) => b.lines).slice(0, MAX_BUILD_LINES);
    }
  }
  pkg(name) {
    let p = this.packages.get(name);
    return p || (p = { name, status: "unfinished", elapsed: 0, output: new CappedText(4 * 1024, 28 * 1024), tests: /* @__PURE__ */ new Map(), buildOutput: [] }, this.packages.set(name, p)), p;
  }
};
function stripBrackets(importPath) {
  return importPath.split(" ")[0];
}
function skipReason(output) {
  if (!output) return;
  let lines = output.lines().filter((l) => /^\s+\S+\.go:\d+: /.test(l));
  return lines[lines.length - 1]?.replace(/^\s+\S+\.go:\d+: /, "");
}

// packages/go-test/src/flags.ts
var GO_TEST_FLAGS = [
  // build flags (go help build)
  "a asan asmflags buildmode buildvcs compiler gccgoflags gcflags installsuffix ldflags linkshared mod modcacherw modfile msan n overlay p pgo",
  "pkgdir race tags toolexec trimpath v work x cover covermode coverpkg",
  // test flags (go help testflag)
  "args artifacts bench benchmem benchtime blockprofile blockprofilerate c count coverprofile cpu cpuprofile exec failfast fullpath fuzz",
  "fuzzcachedir fuzzminimizetime fuzztime i json list memprofile memprofilerate mutexprofile mutexprofilefraction o outputdir parallel run",
  "short shuffle skip timeout trace vet"
].flatMap((line) => line.split(" ")), OWNED = {
  json: "the action always runs go test -json",
  race: "add the race layer to layers",
  short: "the unit layer runs with -short",
  tags: "use integration-tags / e2e-tags (the tags of the integration and e2e layers)",
  cover: "use the coverage input",
  covermode: "use the coverage input (the merged profile uses atomic)",
  coverpkg: "use the coverage input (coverage covers the whole module)",
  coverprofile: "use coverage-profile",
  count: "use the count input",
  timeout: "use the timeout input",
  shuffle: "use the shuffle input",
  c: "the action runs the tests; -c would only compile them",
  o: "the action runs the tests; -o only names a compiled test binary",
  i: "-i is obsolete",
  args: "arguments for test binaries cannot be validated as flags",
  exec: "-exec would run test binaries through another program the action does not control",
  list: "-list lists tests instead of running them",
  n: "-n prints commands instead of running them"
}, FLAG2 = /^--?([a-z][a-z0-9.]*)(=[\s\S]*)?$/;
function parseGoTestArgs(text, input = "args") {
  let words;
  try {
    words = splitWords(text).map((w) => w.text);
  } catch (err2) {
    throw new InputError(input, text, `${err2.message}; accepted: go test flags such as -p=2 -failfast`);
  }
  for (let w of words) {
    let m = FLAG2.exec(w);
    if (!m)
      throw new InputError(
        input,
        w,
        "accepted: go test flags written as -name or -name=value (e.g. -p=2, -failfast, -run=TestX); packages go in the packages input"
      );
    let name = m[1].replace(/^test\./, "");
    if (!GO_TEST_FLAGS.includes(name))
      throw new InputError(
        input,
        w,
        `-${name} is not a go test flag; nearest: ${nearest(name, GO_TEST_FLAGS, 3).map((f) => `-${f}`).join(", ")}`
      );
    let owned = OWNED[name];
    if (owned) throw new InputError(input, w, `-${name} is set by the action: ${owned}`);
  }
  return words;
}

// packages/go-test/src/gotest.ts
function goTestArgs(run) {
  return ["test", "-json", ...run.flags, ...run.packages];
}
async function runGoTest(run) {
  let stream = new GoTestStream();
  stream.onProgress = run.onProgress;
  let args = goTestArgs(run), result = await exec(run.go, args, {
    cwd: run.cwd,
    env: run.env,
    allowFailure: !0,
    maxBuffer: 64 * 1024,
    onStdoutLine: (line) => stream.stdoutLine(line),
    onStderrLine: (line) => stream.stderrLine(line)
  });
  return stream.finish(), { stream, code: result.code, durationMs: result.durationMs, command: [run.go, ...args], stderrTail: lastLines(result.stderr, 10) };
}

// packages/go-test/src/inputs.ts
import { constants as constants4 } from "node:fs";
import { access as access3, stat as stat8 } from "node:fs/promises";
import { isAbsolute as isAbsolute7, resolve as resolve8 } from "node:path";

// packages/go-test/src/vulndb.ts
import { stat as stat7 } from "node:fs/promises";
import { join as join14, resolve as resolve7 } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
var ACCEPTED2 = "accepted: a vulnerability database in govulncheck's format (https://go.dev/security/vuln/database#api): an https:// or http:// URL, a file:// URL or a folder holding index/modules.json; empty: govulncheck's own, https://vuln.go.dev";
async function parseVulnDb(value, cwd) {
  if (value === "") return;
  let scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme === "http" || scheme === "https") return checkWebUrl(value);
  if (scheme !== void 0 && scheme !== "file") throw new InputError("vuln-db", value, `the scheme ${scheme}:// is not one govulncheck reads; ${ACCEPTED2}`);
  let dir2;
  try {
    dir2 = scheme === "file" ? resolve7(fileURLToPath(value)) : resolve7(cwd, value);
  } catch (err2) {
    throw new InputError("vuln-db", value, `it is not a file:// URL of a local folder (${err2.message}); ${ACCEPTED2}`);
  }
  if (!await stat7(dir2).then(
    (s) => s.isDirectory(),
    () => !1
  )) throw new InputError("vuln-db", value, `the folder ${dir2} does not exist; ${ACCEPTED2}`);
  if (!await exists(join14(dir2, "index", "modules.json")))
    throw new InputError(
      "vuln-db",
      value,
      `${join14(dir2, "index", "modules.json")} is missing, so the folder is not a database in govulncheck's v1 layout; ${ACCEPTED2}`
    );
  return pathToFileURL(dir2).href;
}
function checkWebUrl(value) {
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new InputError("vuln-db", value, `it is not a valid URL; ${ACCEPTED2}`);
  }
  if (url.username || url.password)
    throw new InputError(
      "vuln-db",
      `${url.protocol}//***@${url.host}${url.pathname}`,
      `credentials in the URL are refused (they would be on govulncheck's command line); serve the database without them, or copy it to a folder; ${ACCEPTED2}`
    );
  if (url.search || url.hash) throw new InputError("vuln-db", value, `govulncheck adds paths to the URL, so it cannot have a ?query or #fragment; ${ACCEPTED2}`);
  return value.replace(/\/+$/, "");
}

// packages/go-test/src/inputs.ts
var GO_TEST_INPUTS = {
  "working-directory": ".",
  packages: "./...",
  layers: "vet,unit,race",
  "fail-fast": "true",
  services: "",
  "integration-tags": "integration",
  "e2e-tags": "e2e",
  manifest: "dist/artifacts.json",
  "e2e-binary": "",
  "e2e-args": "",
  "e2e-env": "",
  "e2e-port": "",
  "e2e-health": "/healthz",
  "e2e-start-timeout": "30s",
  "e2e-shutdown-timeout": "10s",
  coverage: "true",
  "min-coverage": "",
  "coverage-profile": "dist/coverage.out",
  retries: "0",
  shuffle: "off",
  timeout: "",
  count: "",
  args: "",
  junit: "dist/test-results.xml",
  "vuln-db": ""
}, LAYERS = ["vet", "unit", "race", "integration", "e2e", "vuln", "lint"];
function parseLayers(read) {
  let raw = read.list("layers");
  if (raw.length === 0) throw new InputError("layers", "", `accepted: a comma-separated list from ${LAYERS.join(", ")}`);
  let seen = /* @__PURE__ */ new Set();
  for (let l of raw) {
    if (!LAYERS.includes(l))
      throw new InputError("layers", l, `it is not a layer; accepted: ${LAYERS.join(", ")} (nearest: ${nearest(l, LAYERS, 2).join(", ")})`);
    if (seen.has(l)) throw new InputError("layers", l, "it is listed twice; list each layer once, in the order to run them");
    seen.add(l);
  }
  return raw;
}
function parseTags(read, name) {
  let tags = read.string(name).split(/[\s,]+/).filter(Boolean);
  if (tags.length === 0) throw new InputError(name, "", "accepted: one or more build tags, e.g. integration");
  for (let t of tags) if (!/^[A-Za-z0-9_.]+$/.test(t)) throw new InputError(name, t, "accepted: build tags made of letters, digits, '_' and '.'");
  return tags;
}
function parseWordsInput(read, name) {
  try {
    return splitWords(read.string(name)).map((w) => w.text);
  } catch (err2) {
    throw new InputError(
      name,
      read.string(name),
      `${err2.message}; accepted: words separated by spaces, quoted with ' or " when they hold spaces`
    );
  }
}
async function parseGoTestInputs(read, cwd, mask = () => {
}) {
  let abs = (p) => isAbsolute7(p) ? p : resolve8(cwd, p), workingDirectory = abs(read.string("working-directory") || ".");
  try {
    if (!(await stat8(workingDirectory)).isDirectory()) throw new Error("not a folder");
    await access3(workingDirectory, constants4.R_OK | constants4.X_OK);
  } catch (err2) {
    let why = err2.code === "ENOENT" ? "the folder does not exist" : `the folder cannot be read (${err2.message})`;
    throw new InputError("working-directory", read.string("working-directory"), `${why}; accepted: the folder of the Go module, relative to the workspace`);
  }
  let packages = read.string("packages").split(/[\s,]+/).filter(Boolean);
  if (packages.length === 0) throw new InputError("packages", "", "accepted: go package patterns such as ./... or ./cmd/... ./internal/...");
  for (let p of packages) if (p.startsWith("-")) throw new InputError("packages", p, "accepted: package patterns, not flags (flags go in args)");
  let layers = parseLayers(read), minCoverage = read.percent("min-coverage"), coverage = read.bool("coverage");
  if (minCoverage !== void 0 && !coverage) throw new InputError("min-coverage", String(minCoverage), "it needs coverage: true");
  let e2eHealth = read.string("e2e-health");
  if (!e2eHealth.startsWith("/") || /\s/.test(e2eHealth)) throw new InputError("e2e-health", e2eHealth, "accepted: a URL path starting with /, e.g. /healthz");
  let e2ePort = read.string("e2e-port") === "" ? 0 : read.int("e2e-port", 1, 65535), e2eEnv = read.keyValues("e2e-env");
  for (let k of ["PORT", "BASE_URL"]) if (k in e2eEnv) throw new InputError("e2e-env", k, `${k} is set by the action (use e2e-port)`);
  let positiveDuration = (name) => {
    let ms = read.duration(name);
    if (ms <= 0) throw new InputError(name, read.string(name), "accepted: a duration above zero, e.g. 10s");
    return ms;
  }, shuffle = read.string("shuffle");
  if (!/^(on|off|\d+)$/.test(shuffle)) throw new InputError("shuffle", shuffle, "accepted: off, on, or a seed (a whole number) to replay an order");
  let timeout = read.string("timeout");
  if (timeout !== "" && (parseDuration(timeout) ?? 0) <= 0)
    throw new InputError("timeout", timeout, "accepted: a Go duration such as 10m or 90s (empty: go's default, 10m)");
  let count = read.string("count") === "" ? 0 : read.int("count", 1, 1e4), services = parseServices(read.lines("services")), e2eArgs = parseWordsInput(read, "e2e-args"), secrets = [.../* @__PURE__ */ new Set([...services.flatMap((s) => s.secrets), ...envSecrets(e2eEnv), ...argSecrets(e2eArgs)])];
  for (let s of secrets) mask(s);
  return {
    workingDirectory,
    packages,
    layers,
    failFast: read.bool("fail-fast"),
    services,
    integrationTags: parseTags(read, "integration-tags"),
    e2eTags: parseTags(read, "e2e-tags"),
    manifest: abs(read.string("manifest") || "dist/artifacts.json"),
    e2eBinary: read.string("e2e-binary") ? abs(read.string("e2e-binary")) : "",
    e2eArgs,
    e2eEnv,
    e2ePort,
    e2eHealth,
    e2eStartTimeoutMs: positiveDuration("e2e-start-timeout"),
    e2eShutdownTimeoutMs: positiveDuration("e2e-shutdown-timeout"),
    coverage,
    minCoverage,
    coverageProfile: abs(read.string("coverage-profile") || "dist/coverage.out"),
    retries: read.int("retries", 0, 10),
    shuffle,
    timeout,
    count,
    args: parseGoTestArgs(read.string("args")),
    junit: read.string("junit") ? abs(read.string("junit")) : "",
    vulnDb: await parseVulnDb(read.string("vuln-db"), cwd),
    secrets
  };
}

// packages/go-test/src/junit.ts
import { relative as relative9 } from "node:path";
function xmlText(text) {
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
function attr(text) {
  return xmlText(text).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\r/g, "&#13;").replace(/\t/g, "&#9;");
}
var secs = (s) => s.toFixed(3), MAX_CASE_OUTPUT = 64 * 1024;
function testCase(t, workspace) {
  let head = `<testcase classname="${attr(t.package)}" name="${attr(t.name)}" time="${secs(t.elapsed)}"`, where2 = t.failure?.located.ref ? ` at ${relative9(workspace, t.failure.located.ref.file)}:${t.failure.located.ref.line}` : "", type = t.failure?.located.kind ?? "failure", message = (t.failure?.located.message.split(`
`)[0] ?? "") + where2, body = shorten(t.failure?.output ?? "", MAX_CASE_OUTPUT);
  if (t.status === "skip") return `    ${head}>
      <skipped message="${attr(t.skipReason ?? "skipped")}"/>
    </testcase>`;
  if (t.status === "fail") {
    let reruns = t.attempts.length > 1 ? `
      <system-err>${xmlText(`failed in all ${t.attempts.length} attempts`)}</system-err>` : "";
    return `    ${head}>
      <failure message="${attr(message)}" type="${type}">${xmlText(body)}</failure>${reruns}
    </testcase>`;
  }
  return t.flaky ? `    ${head}>
      <flakyFailure message="${attr(message)}" type="${type}">${xmlText(body)}</flakyFailure>
    </testcase>` : `    ${head}/>`;
}
function junitXml(layers, workspace, timestamp = /* @__PURE__ */ new Date()) {
  let suites = [], total = 0, failures2 = 0, skipped = 0, time = 0;
  for (let l of layers) {
    if (l.status === "not-run" || l.status === "skipped") continue;
    let groups = /* @__PURE__ */ new Map(), group = (name) => {
      let g = groups.get(name);
      return g || (g = { cases: [], tests: 0, failures: 0, skipped: 0, time: 0 }, groups.set(name, g)), g;
    };
    for (let p of l.packages) group(p.name).time = p.elapsed;
    for (let t of l.tests) {
      let g = group(t.package);
      g.cases.push(testCase(t, workspace)), g.tests++, t.status === "fail" && g.failures++, t.status === "skip" && g.skipped++;
    }
    for (let f of l.packageFailures) {
      let g = group(f.package), where2 = f.located.ref ? ` at ${relative9(workspace, f.located.ref.file)}:${f.located.ref.line}` : "";
      g.cases.push(
        `    <testcase classname="${attr(f.package)}" name="[package]" time="0.000">
      <failure message="${attr(f.located.message.split(`
`)[0] + where2)}" type="${f.located.kind}">${xmlText(shorten(f.output, MAX_CASE_OUTPUT))}</failure>
    </testcase>`
      ), g.tests++, g.failures++;
    }
    if (l.layer === "vet" || l.layer === "lint" || l.layer === "vuln") {
      let g = group(l.layer);
      g.time = l.durationMs / 1e3;
      for (let f of l.findings) {
        let where2 = f.file ? `${relative9(workspace, f.file)}:${f.line}${f.col ? `:${f.col}` : ""}` : f.message.split(":")[0] || "finding";
        g.cases.push(
          `    <testcase classname="${l.layer}" name="${attr(where2)}" time="0.000">
      <failure message="${attr(f.message)}" type="${l.layer}"/>
    </testcase>`
        ), g.tests++, g.failures++;
      }
      if (l.findings.length === 0) {
        let failure = l.status === "failed" ? `
      <failure message="${attr(l.reason ?? "failed")}" type="${l.layer}">${xmlText(shorten(l.log ?? "", MAX_CASE_OUTPUT))}</failure>
    ` : "";
        g.cases.push(`    <testcase classname="${l.layer}" name="${l.layer}" time="${secs(l.durationMs / 1e3)}">${failure}</testcase>`), g.tests++, failure && g.failures++;
      }
    }
    for (let [name, g] of groups)
      total += g.tests, failures2 += g.failures, skipped += g.skipped, time += g.time, suites.push(
        `  <testsuite name="${attr(`${l.layer}: ${name}`)}" tests="${g.tests}" failures="${g.failures}" errors="0" skipped="${g.skipped}" time="${secs(g.time)}" timestamp="${timestamp.toISOString().replace(/\.\d+Z$/, "")}">
    <properties>
      <property name="layer" value="${l.layer}"/>
      <property name="package" value="${attr(name)}"/>
    </properties>
${g.cases.join(`
`)}
  </testsuite>`
      );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="go-test" tests="${total}" failures="${failures2}" errors="0" skipped="${skipped}" time="${secs(time)}">
${suites.join(`
`)}
</testsuites>
`;
}
async function writeJunit(path, layers, workspace, secrets = []) {
  let redact = redactor(secrets.flatMap((s) => [s, xmlText(s), attr(s)]));
  await writeFileAtomic(path, redact(junitXml(layers, workspace)));
}

// packages/go-test/src/layers.ts
import { join as join16 } from "node:path";

// packages/go-test/src/locate.ts
import { existsSync, readFileSync as readFileSync2, readdirSync as readdirSync2 } from "node:fs";
import { isAbsolute as isAbsolute8, join as join15, relative as relative10, resolve as resolve9, sep as sep2 } from "node:path";
var MESSAGE = /^(\s+)([^\s:]+\.go):(\d+): (.*)$/, FRAME_FILE = /^\s+(\S+\.go):(\d+)(?: \+0x[0-9a-f]+)?$/, BUILD_ERROR = /^(?:vet: )?(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/;
function stackFrames(lines) {
  let frames = [], block = 0;
  for (let i2 = 0; i2 < lines.length; i2++) {
    let line = lines[i2];
    if (line.trim() === "" || line.startsWith("goroutine ") || /^(Previous )?(Read|Write|Goroutine) /.test(line)) {
      block++;
      continue;
    }
    let m = FRAME_FILE.exec(line);
    m && i2 > 0 && frames.push({ func: lines[i2 - 1].trim(), file: m[1], line: Number(m[2]), block });
  }
  return frames;
}
function moduleFile(file, modules) {
  for (let m of modules) {
    let abs;
    if (isAbsolute8(file) ? abs = file : file.startsWith(`${m.path}/`) && (abs = join15(m.dir, file.slice(m.path.length + 1))), !abs) continue;
    let rel = relative10(m.dir, abs);
    if (!rel.startsWith("..") && !isAbsolute8(rel) && !rel.startsWith(`vendor${sep2}`)) return abs;
  }
}
function deepestModuleFrame(frames, modules, testFunc) {
  let candidates = frames;
  if (testFunc) {
    let own = new RegExp(`\\.${escapeRegExp(testFunc)}(\\.func\\d+)*\\(`), block = frames.find((f) => own.test(f.func))?.block;
    block !== void 0 && (candidates = frames.filter((f) => f.block === block));
  }
  for (let f of candidates) {
    let abs = moduleFile(f.file, modules);
    if (abs) return { file: abs, line: f.line };
  }
}
function escapeRegExp(text) {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
function messageFile(file, pkgDir) {
  if (isAbsolute8(file)) return existsSync(file) ? file : void 0;
  if (!pkgDir) return;
  let abs = resolve9(pkgDir, file);
  return existsSync(abs) ? abs : void 0;
}
function firstMessage(lines, pkgDir) {
  for (let i2 = 0; i2 < lines.length; i2++) {
    let m = MESSAGE.exec(lines[i2]);
    if (!m) continue;
    let file = messageFile(m[2], pkgDir);
    if (!file) continue;
    let indent = m[1].length, message = [m[4]];
    for (let j = i2 + 1; j < lines.length && message.length < 20; j++) {
      let next = lines[j];
      if (next.length - next.trimStart().length <= indent || next.trim() === "") break;
      message.push(next.trim());
    }
    return { ref: { file, line: Number(m[3]) }, message: message.join(`
`) };
  }
}
function testDeclaration(testName, pkgDir) {
  if (!pkgDir) return;
  let root = testName.split("/")[0], decl = new RegExp(`^func ${escapeRegExp(root)}\\(`, "m"), files;
  try {
    files = readdirSync2(pkgDir).filter((f) => f.endsWith("_test.go"));
  } catch {
    return;
  }
  for (let f of files.sort()) {
    let text = readFileSync2(join15(pkgDir, f), "utf8"), m = decl.exec(text);
    if (m) return { file: join15(pkgDir, f), line: text.slice(0, m.index).split(`
`).length };
  }
}
function locateFailure(tc, pkgDir, modules) {
  let lines = tc.output?.lines() ?? [];
  if (tc.errorLines && tc.errorLines.length > 0) {
    let found2 = firstMessage(tc.errorLines, pkgDir);
    if (found2) return { ref: found2.ref, message: found2.message, kind: "failure" };
  }
  let frames = stackFrames(lines), panicLine = lines.find((l) => l.startsWith("panic: "));
  if (panicLine && !panicLine.startsWith("panic: test timed out"))
    return { ref: deepestModuleFrame(frames, modules), message: panicLine.replace(/ \[recovered\]$/, ""), kind: "panic" };
  if (lines.some((l) => l.startsWith("WARNING: DATA RACE")))
    return { ref: deepestModuleFrame(frames, modules), message: "data race detected (see the race report in the output)", kind: "race" };
  let found = firstMessage(lines, pkgDir);
  if (found && tc.status !== "unfinished") return { ref: found.ref, message: found.message, kind: "failure" };
  let root = tc.name.split("/")[0];
  if (tc.status === "unfinished") {
    let ref2 = deepestModuleFrame(frames, modules, root) ?? testDeclaration(tc.name, pkgDir), timeout = lines.find((l) => l.startsWith("panic: test timed out"));
    return {
      ref: ref2,
      message: timeout ? `${timeout.slice(7)} while this test was running` : "the test never finished: its test binary crashed or was killed",
      kind: "timeout"
    };
  }
  return found ? { ref: found.ref, message: found.message, kind: "failure" } : { ref: testDeclaration(tc.name, pkgDir), message: lastMeaningfulLine(lines) ?? "failed without a message", kind: "unknown" };
}
function locatePackageFailure(lines, modules) {
  let panicLine = lines.find((l) => l.startsWith("panic: ") || l.startsWith("fatal error: "));
  return panicLine ? { ref: deepestModuleFrame(stackFrames(lines), modules), message: panicLine, kind: panicLine.includes("timed out") ? "timeout" : "panic" } : {
    message: lastMeaningfulLine(lines.filter((l) => !/^(FAIL|ok)\s/.test(l) && l !== "FAIL")) ?? "the package failed without a test failing",
    kind: "unknown"
  };
}
function lastMeaningfulLine(lines) {
  for (let i2 = lines.length - 1; i2 >= 0; i2--) {
    let l = lines[i2].trim();
    if (l && !l.startsWith("---") && !l.startsWith("===")) return l;
  }
}
function parseFindings(lines, cwd) {
  let found = [];
  for (let line of lines) {
    let m = BUILD_ERROR.exec(line.trim());
    m && found.push({ file: resolve9(cwd, m[1]), line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}

// packages/go-test/src/retry.ts
function failedLeaves(failed) {
  let set = new Set(failed);
  return failed.filter((name) => ![...set].some((other) => other !== name && other.startsWith(`${name}/`)));
}
function level(names) {
  let unique2 = [...new Set(names)].map(escapeRegExp);
  return unique2.length === 1 ? `^${unique2[0]}$` : `^(${unique2.join("|")})$`;
}
function rerunPatterns(failed) {
  let roots = [], nested = /* @__PURE__ */ new Map();
  for (let name of failedLeaves(failed)) {
    let [root, ...rest] = name.split("/");
    rest.length === 0 ? roots.push(root) : nested.set(root, [...nested.get(root) ?? [], rest]);
  }
  let patterns = [];
  roots.length > 0 && patterns.push(level(roots));
  for (let [root, rests] of nested) {
    let depth = rests[0].length;
    if (rests.some((r) => r.length !== depth)) {
      patterns.push(level([root]));
      continue;
    }
    let parts = [level([root])];
    for (let d = 0; d < depth; d++) parts.push(level(rests.map((r) => r[d])));
    patterns.push(parts.join("/"));
  }
  return patterns;
}

// packages/go-test/src/results.ts
var key = (pkg, test) => `${pkg}\0${test}`, LayerCollector = class {
  constructor(layer, place) {
    this.layer = layer;
    this.place = place;
  }
  layer;
  place;
  tests = /* @__PURE__ */ new Map();
  pkgs = /* @__PURE__ */ new Map();
  runs = 0;
  add(stream) {
    this.runs++;
    for (let pkg of stream.packages.values()) {
      for (let tc of pkg.tests.values()) {
        let k = key(pkg.name, tc.name), entry = this.tests.get(k) ?? { tc, attempts: [] };
        entry.attempts.push(tc.status), entry.tc = tc, (tc.status === "fail" || tc.status === "unfinished") && !entry.firstFailure && (entry.firstFailure = tc), this.tests.set(k, entry);
      }
      let testFailed = [...pkg.tests.values()].some((t) => t.status === "fail" || t.status === "unfinished");
      this.pkgs.set(pkg.name, { last: pkg, unexplained: pkg.status === "fail" && (!testFailed || pkg.failedBuild !== void 0) });
    }
  }
  /** Failed test names per package (for reruns); packages failing without a test are rerun whole. */
  failing() {
    let out = /* @__PURE__ */ new Map();
    for (let { tc } of this.tests.values())
      tc.status !== "fail" && tc.status !== "unfinished" || out.set(tc.package, [...out.get(tc.package) ?? [], tc.name]);
    for (let [name, p] of this.pkgs) p.unexplained && p.last.failedBuild === void 0 && !out.has(name) && out.set(name, []);
    return out;
  }
  result(durationMs) {
    let tests = [], byPkg = /* @__PURE__ */ new Map();
    for (let { tc } of this.tests.values())
      (tc.status === "fail" || tc.status === "unfinished") && byPkg.set(tc.package, [...byPkg.get(tc.package) ?? [], tc.name]);
    let leaves = new Set([...byPkg].flatMap(([pkg, names]) => failedLeaves(names).map((n) => key(pkg, n))));
    for (let [k, { tc, attempts, firstFailure }] of this.tests) {
      let failed2 = tc.status === "fail" || tc.status === "unfinished", flaky = !failed2 && attempts.some((a) => a === "fail" || a === "unfinished"), rec = {
        layer: this.layer,
        package: tc.package,
        name: tc.name,
        status: failed2 ? "fail" : tc.status === "skip" ? "skip" : "pass",
        elapsed: tc.elapsed,
        attempts,
        flaky,
        leaf: failed2 && leaves.has(k),
        skipReason: tc.skipReason
      }, blame = failed2 ? tc : flaky ? firstFailure : void 0;
      if (failed2 && !rec.leaf) {
        let subs = (byPkg.get(tc.package) ?? []).filter((n) => n.startsWith(`${tc.name}/`));
        rec.failure = {
          located: { message: `subtest(s) failed: ${subs.join(", ")}`, kind: "failure" },
          output: tc.output?.toString() ?? "",
          unfinished: !1
        };
      } else blame && (rec.failure = {
        located: locateFailure(blame, this.place.pkgDirs.get(blame.package), this.place.modules),
        output: blame.output?.toString() ?? "",
        unfinished: blame.status === "unfinished"
      });
      tests.push(rec);
    }
    let packageFailures = [], packages = [];
    for (let [name, { last, unexplained }] of this.pkgs) {
      let pkgFailed = unexplained || byPkg.has(name);
      if (packages.push({ name, elapsed: last.elapsed, status: pkgFailed ? "fail" : last.status === "skip" ? "skip" : "pass", coverage: last.coverage }), !unexplained) continue;
      let buildErrors = parseFindings(last.buildOutput, this.place.cwd), lines = last.output.lines();
      packageFailures.push({
        layer: this.layer,
        package: name,
        located: last.failedBuild !== void 0 ? { ref: buildErrors[0], message: buildErrors[0]?.message ?? `${last.failedBuild}: build failed`, kind: "build" } : locatePackageFailure(lines, this.place.modules),
        output: last.failedBuild !== void 0 ? last.buildOutput.join(`
`) : last.output.toString(),
        buildErrors
      });
    }
    let failed = tests.some((t) => t.status === "fail") || packageFailures.length > 0;
    return { layer: this.layer, durationMs, tests, packageFailures, packages, findings: [], runs: this.runs, failed };
  }
};
function layerCounts(r) {
  if (r.layer === "vet" || r.layer === "lint" || r.layer === "vuln")
    return { passed: 0, failed: r.findings.length || (r.status === "failed" ? 1 : 0), skipped: 0, flaky: 0 };
  let passed = 0, failed = r.packageFailures.length, skipped = 0, flaky = 0;
  for (let t of r.tests)
    t.status === "pass" ? passed++ : t.status === "skip" ? skipped++ : t.leaf && failed++, t.flaky && flaky++;
  return { passed, failed, skipped, flaky };
}

// packages/go-test/src/layers.ts
function layerProfile(workDir, layer) {
  return join16(workDir, `${layer}.coverprofile`);
}
function layerFlags(ctx, layer) {
  let i2 = ctx.inputs, flags = [...layer.flags];
  return i2.timeout && flags.push(`-timeout=${i2.timeout}`), i2.shuffle !== "off" && flags.push(`-shuffle=${i2.shuffle}`), i2.count ? flags.push(`-count=${i2.count}`) : (layer.name === "integration" || layer.name === "e2e") && flags.push("-count=1"), i2.coverage && flags.push("-covermode=atomic", `-coverpkg=${ctx.coverpkg}`, `-coverprofile=${layerProfile(ctx.workDir, layer.name)}`), flags.push(...i2.args), flags;
}
function rerunFlags(first, pattern) {
  return [...first.filter((f) => !/^-(count|cover\w*)=/.test(f)), "-count=1", ...pattern ? [`-run=${pattern}`] : []];
}
async function runTestLayer(ctx, layer) {
  let started = performance.now(), collector = new LayerCollector(layer.name, ctx.place), flags = layerFlags(ctx, layer), env = (attempt) => ({ ...ctx.env, ...layer.env, GANTRY_TEST_LAYER: layer.name, GANTRY_TEST_ATTEMPT: String(attempt) }), progress = (line) => ctx.reporter.info(`  ${line}`);
  ctx.reporter.info(`go test -json ${[...flags, ...layer.packages].join(" ")}`);
  let first = await runGoTest({ go: ctx.go, cwd: ctx.inputs.workingDirectory, env: env(1), flags, packages: layer.packages, onProgress: progress });
  collector.add(first.stream);
  let runFailure = first.code !== 0 && collector.failing().size === 0 && !collector.result(0).failed, reason = runFailure ? `\`go test\` exited with ${first.code}: ${first.stderrTail || lastLines(first.stream.other.toString(), 5)}` : void 0;
  for (let attempt = 2; attempt <= ctx.inputs.retries + 1 && !runFailure; attempt++) {
    let failing = collector.failing();
    if (failing.size === 0) break;
    let count = [...failing.values()].reduce((n, names) => n + Math.max(1, names.length), 0);
    ctx.reporter.info(`retry ${attempt - 1}/${ctx.inputs.retries}: rerunning ${count} failed test(s) in ${failing.size} package(s)`);
    for (let [pkg, names] of failing) {
      let patterns = names.length > 0 ? rerunPatterns(names) : [void 0];
      for (let pattern of patterns) {
        let r = await runGoTest({
          go: ctx.go,
          cwd: ctx.inputs.workingDirectory,
          env: env(attempt),
          flags: rerunFlags(flags, pattern),
          packages: [pkg],
          onProgress: progress
        });
        collector.add(r.stream), r.code !== 0 && r.stream.packages.size === 0 && (runFailure = !0, reason = `a rerun of ${pkg} failed to start: ${r.stderrTail}`);
      }
    }
  }
  let { failed, ...result } = collector.result(performance.now() - started);
  return { ...result, status: failed || runFailure ? "failed" : "passed", reason };
}

// packages/go-test/src/lint.ts
import { resolve as resolve10 } from "node:path";

// packages/go-test/src/tools.ts
import { readFile as readFile9, realpath } from "node:fs/promises";
import { delimiter, dirname as dirname6, isAbsolute as isAbsolute9, join as join17 } from "node:path";
async function readGoEnv(go, cwd, env) {
  let { stdout } = await exec(go, ["env", "GOVERSION", "GOPATH", "GOBIN"], { cwd, env }), [version = "", gopath = "", gobin = ""] = stdout.split(`
`).map((s) => s.trim());
  return { version, gopath, gobin };
}
async function goVersionOf(go) {
  try {
    let root = dirname6(dirname6(await realpath(go))), first = (await readFile9(join17(root, "VERSION"), "utf8")).split(`
`)[0]?.trim();
    return first?.startsWith("go") ? first : void 0;
  } catch {
    return;
  }
}
async function findTool(name, env, goEnv) {
  let onPath = await which(name, env);
  if (onPath || isAbsolute9(name)) return onPath;
  let dirs = [goEnv?.gobin, ...(goEnv?.gopath ?? "").split(delimiter).map((p) => p ? join17(p, "bin") : void 0)];
  for (let d of dirs) if (d && await isExecutable(join17(d, name))) return join17(d, name);
}
async function raceProblem(env) {
  let cc = env.CC?.trim().split(/\s+/)[0] || (/^(darwin|freebsd|openbsd)$/.test(process.platform) ? "clang" : "gcc");
  if (!await findTool(cc, env))
    return `the race detector needs cgo and a C compiler, and ${cc} (go env CC) was not found on PATH; install one (apt-get install gcc) or remove race from layers`;
}
function toolResult(layer, ok, findings, log, durationMs, reason) {
  return { layer, status: ok ? "passed" : "failed", reason, durationMs, tests: [], packageFailures: [], packages: [], findings, runs: 1, log };
}
async function runVet(go, packages, cwd, env, layer = "vet") {
  let r = await exec(go, ["vet", ...packages], { cwd, env, allowFailure: !0 }), log = `${r.stdout}${r.stderr}`, findings = parseFindings(log.split(`
`), cwd), ok = r.code === 0;
  return toolResult(
    layer,
    ok,
    findings,
    log,
    r.durationMs,
    ok || findings.length > 0 ? void 0 : `go vet ${describeExit(r.code, r.signal)}: ${lastLines(log, 3)}`
  );
}
function describeExit(code, signal) {
  return signal ? `was killed by ${signal}` : `exited with ${code}`;
}
function skippedLayer(layer, reason) {
  return { layer, status: "skipped", reason, durationMs: 0, tests: [], packageFailures: [], packages: [], findings: [], runs: 0 };
}

// packages/go-test/src/lint.ts
var STATICCHECK_VERSION = "v0.8.2", STATICCHECK = `honnef.co/go/tools/cmd/staticcheck@${STATICCHECK_VERSION}`;
function parseStaticcheck(stdout, cwd) {
  let findings = [];
  for (let line of stdout.split(`
`)) {
    let p;
    try {
      p = JSON.parse(line);
    } catch {
      continue;
    }
    !p?.location || typeof p.message != "string" || findings.push({
      file: p.location.file ? resolve10(cwd, p.location.file) : "",
      line: p.location.line,
      col: p.location.column || void 0,
      message: `${p.message} (${p.code})`
    });
  }
  return findings;
}
async function runStaticcheck(bin, packages, cwd, env) {
  let r = await exec(bin, ["-f", "json", ...packages], { cwd, env, allowFailure: !0 }), findings = parseStaticcheck(r.stdout, cwd), ok = r.code === 0, log = `${findings.map((f) => `${f.file}:${f.line}:${f.col ?? 0}: ${f.message}`).join(`
`)}
${r.stderr}`, reason = ok || findings.length > 0 ? void 0 : `staticcheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}`;
  return toolResult("lint", ok, findings, log, r.durationMs, reason);
}
async function runLintLayer(ctx, vetRan) {
  let started = performance.now(), vet = vetRan ? void 0 : await runVet(ctx.go, ctx.packages, ctx.cwd, ctx.env, "lint"), bin = await findTool("staticcheck", ctx.env, await ctx.goEnv());
  bin || ctx.reporter.notice(
    `lint: staticcheck is not installed (not on PATH, GOBIN or GOPATH/bin), so lint ran ${vet ? "go vet only" : "nothing beyond the vet layer"}; install it with go install ${STATICCHECK}`
  );
  let sc = bin ? await runStaticcheck(bin, ctx.packages, ctx.cwd, ctx.env) : void 0;
  if (!vet && !sc) return skippedLayer("lint", "staticcheck is not installed and the vet layer already ran go vet");
  let parts = [vet, sc].filter((x2) => x2 !== void 0), failed = parts.some((x2) => x2.status === "failed");
  return {
    ...parts[0],
    layer: "lint",
    status: failed ? "failed" : "passed",
    reason: parts.map((x2) => x2.reason).find(Boolean) ?? (sc ? void 0 : "staticcheck not installed: go vet only"),
    findings: parts.flatMap((x2) => x2.findings),
    log: parts.map((x2) => x2.log ?? "").join(""),
    durationMs: performance.now() - started
  };
}

// packages/go-test/src/packages.ts
import { readFile as readFile10 } from "node:fs/promises";
import { dirname as dirname7, join as join18 } from "node:path";
var FORMAT = '{{.ImportPath}}	{{.Dir}}	{{join .GoFiles ","}},{{join .TestGoFiles ","}},{{join .XTestGoFiles ","}}';
async function listPackages(go, patterns, tags, cwd, env) {
  let args = ["list", "-e", ...tags.length > 0 ? [`-tags=${tags.join(",")}`] : [], "-f", FORMAT, ...patterns], r = await exec(go, args, { cwd, env, allowFailure: !0 });
  if (r.code !== 0) throw new GantryError(`\`go ${args.join(" ")}\` failed in ${cwd}: ${lastLines(r.stderr, 5)}`);
  return r.stdout.split(`
`).filter(Boolean).map((line) => {
    let [importPath = "", dir2 = "", files = ""] = line.split("	");
    return { importPath, dir: dir2, files: files.split(",").filter(Boolean) };
  });
}
function taggedPackages(untagged, tagged) {
  let before = new Map(untagged.map((p) => [p.importPath, new Set(p.files)]));
  return tagged.filter((p) => p.files.some((f) => !before.get(p.importPath)?.has(f))).map((p) => p.importPath);
}
async function listModules(go, cwd, env) {
  let r = await exec(go, ["list", "-m", "-f", "{{.Path}}	{{.Dir}}"], { cwd, env, allowFailure: !0 });
  if (r.code !== 0)
    throw new GantryError(`no Go module in ${cwd} (\`go list -m\`: ${lastLines(r.stderr, 2)}); set working-directory to the folder that holds go.mod`);
  return r.stdout.split(`
`).filter(Boolean).map((l) => {
    let [path = "", dir2 = ""] = l.split("	");
    return { path, dir: dir2 };
  });
}
async function findModules(go, cwd, env) {
  let gowork = env.GOWORK?.trim();
  if (gowork && gowork !== "off") return listModules(go, cwd, env);
  for (let dir2 = cwd; ; dir2 = dirname7(dir2)) {
    if (gowork !== "off" && await exists(join18(dir2, "go.work"))) return listModules(go, cwd, env);
    if (await exists(join18(dir2, "go.mod"))) {
      let path = /^module\s+"?([^"\s]+)"?/m.exec(await readFile10(join18(dir2, "go.mod"), "utf8"))?.[1];
      return path ? [{ path, dir: dir2 }] : listModules(go, cwd, env);
    }
    if (dirname7(dir2) === dir2) return listModules(go, cwd, env);
  }
}
var PackageDirs = class {
  constructor(modules) {
    this.modules = modules;
  }
  modules;
  known = /* @__PURE__ */ new Map();
  add(pkgs) {
    for (let p of pkgs) this.known.set(p.importPath, p.dir);
  }
  get(importPath) {
    let known = this.known.get(importPath);
    if (known) return known;
    for (let m of this.modules) {
      if (importPath === m.path) return m.dir;
      if (importPath.startsWith(`${m.path}/`)) return join18(m.dir, importPath.slice(m.path.length + 1));
    }
  }
};

// packages/go-test/src/run.ts
import { mkdir as mkdir5, mkdtemp as mkdtemp3, rm as rm7 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join20 } from "node:path";

// packages/go-test/src/vuln.ts
import { join as join19 } from "node:path";
var GOVULNCHECK_VERSION = "v1.9.0", GOVULNCHECK = `golang.org/x/vuln/cmd/govulncheck@${GOVULNCHECK_VERSION}`;
function jsonValues(text) {
  let out = [], depth = 0, start = -1, inString = !1;
  for (let i2 = 0; i2 < text.length; i2++) {
    let c = text[i2];
    inString ? c === "\\" ? i2++ : c === '"' && (inString = !1) : c === '"' ? inString = !0 : c === "{" || c === "[" ? depth++ === 0 && (start = i2) : (c === "}" || c === "]") && --depth === 0 && out.push(JSON.parse(text.slice(start, i2 + 1)));
  }
  return out;
}
function parseVulnReport(text) {
  let report = { osv: /* @__PURE__ */ new Map(), findings: [] };
  for (let v of jsonValues(text))
    v.osv && report.osv.set(v.osv.id, v.osv), v.finding && report.findings.push(v.finding);
  return report;
}
function frameName(f) {
  return [(f.package ?? f.module).split("/").pop(), f.receiver?.replace(/^\*/, ""), f.function].filter(Boolean).join(".");
}
function title(e) {
  if (e?.summary) return e.summary;
  let details2 = (e?.details ?? "").replace(/\s+/g, " ").trim();
  return /^.*?[.!?](?=\s|$)/.exec(details2)?.[0] ?? details2;
}
function vulnFindings(report, modules, cwd) {
  let findings = [], seen = /* @__PURE__ */ new Set(), called = /* @__PURE__ */ new Set(), all = /* @__PURE__ */ new Set();
  for (let f of report.findings) {
    all.add(f.osv);
    let [sink, ...callers] = f.trace;
    if (!sink?.function) continue;
    called.add(f.osv);
    let at2 = callers.find((c) => c.position && modules.some((m) => m.path === c.module)), root = modules.find((m) => m.path === at2?.module)?.dir ?? cwd, file = at2?.position ? join19(root, at2.position.filename) : "", key2 = `${f.osv} ${file}:${at2?.position?.line}`;
    if (seen.has(key2)) continue;
    seen.add(key2);
    let found = sink.version ? `${sink.module}@${sink.version}` : sink.module, fixed = f.fixed_version ? `fixed in ${f.fixed_version}` : "no fixed version yet", call = at2 ? `${frameName(at2)} calls ${frameName(sink)}` : `calls ${frameName(sink)}`;
    findings.push({
      file,
      line: at2?.position?.line ?? 0,
      col: at2?.position?.column,
      message: `${f.osv}: ${title(report.osv.get(f.osv))} (${call}; ${found}, ${fixed})`
    });
  }
  return { findings, uncalled: new Set([...all].filter((id) => !called.has(id))) };
}
async function runGovulncheck(bin, packages, opts) {
  let args = ["-format", "json", ...opts.db ? ["-db", opts.db] : [], ...packages], r = await exec(bin, args, { cwd: opts.cwd, env: opts.env, allowFailure: !0 });
  if (r.code !== 0) {
    let dbWhy = /fetching vulnerabilities|vuln\.go\.dev|unrecognized vulndb format|dial tcp|no such host/i.test(r.stderr) ? `; could it reach the vulnerability database ${opts.db ?? "https://vuln.go.dev"}? Set vuln-db to a mirror (a URL or a folder in govulncheck's format)` : "";
    return toolResult(
      "vuln",
      !1,
      [],
      r.stderr,
      r.durationMs,
      `govulncheck ${describeExit(r.code, r.signal)}: ${lastLines(r.stderr || r.stdout, 3)}${dbWhy}`
    );
  }
  let report = parseVulnReport(r.stdout), { findings, uncalled } = vulnFindings(report, opts.modules, opts.cwd), log = [
    ...findings.map((f) => `${f.file ? `${f.file}:${f.line}:${f.col ?? 0}: ` : ""}${f.message}`),
    ...uncalled.size > 0 ? [`${uncalled.size} more in required modules or imported packages, never called: ${[...uncalled].join(", ")}`] : [],
    `govulncheck: ${findings.length} vulnerable call(s) found`
  ].join(`
`);
  return toolResult("vuln", findings.length === 0, findings, `${log}
${r.stderr}`, r.durationMs);
}
async function installGovulncheck(go, binDir, cwd, env) {
  if ((env.GOPROXY ?? "").trim() === "off") return { why: "GOPROXY=off forbids downloading it" };
  let r = await exec(go, ["install", GOVULNCHECK], { cwd, env: { ...env, GOBIN: binDir, GOFLAGS: "" }, allowFailure: !0, timeoutMs: 18e4 });
  return r.code === 0 && await isExecutable(join19(binDir, "govulncheck")) ? { bin: join19(binDir, "govulncheck") } : { why: `go install ${GOVULNCHECK} failed: ${lastLines(r.stderr || r.stdout, 1) || describeExit(r.code, r.signal)}` };
}
async function runVulnLayer(ctx) {
  let bin = await findTool("govulncheck", ctx.env, await ctx.goEnv());
  if (!bin) {
    ctx.reporter.info(`govulncheck is not installed; installing ${GOVULNCHECK}`);
    let installed = await installGovulncheck(ctx.go, join19(ctx.workDir, "bin"), ctx.cwd, ctx.env);
    if (!installed.bin) {
      let why = `govulncheck is not installed and could not be installed (${installed.why}); the vuln layer did not run. Install it with go install ${GOVULNCHECK}`;
      return ctx.reporter.notice(why), skippedLayer("vuln", why);
    }
    bin = installed.bin;
  }
  return ctx.reporter.info(`govulncheck ${ctx.db ? `-db ${ctx.db} ` : ""}${ctx.packages.join(" ")}`), runGovulncheck(bin, ctx.packages, { cwd: ctx.cwd, env: ctx.env, db: ctx.db, modules: ctx.modules });
}

// packages/go-test/src/run.ts
var GO_TEST_LAYERS = ["unit", "race", "integration", "e2e"];
async function prepare(inputs, ctx) {
  let env = { ...ctx.env }, cwd = inputs.workingDirectory, has = (l) => inputs.layers.includes(l), go = await findTool("go", env);
  if (!go) throw new GantryError("no `go` on PATH: install Go first (actions/setup-go, or go-build with go-version)");
  let modules = await findModules(go, cwd, env), pkgDirs = new PackageDirs(modules), untagged, tagged = async (layer, tags) => {
    if (!has(layer)) return [];
    untagged ??= listPackages(go, inputs.packages, [], cwd, env);
    let [before, list] = await Promise.all([untagged, listPackages(go, inputs.packages, tags, cwd, env)]);
    return pkgDirs.add(list), taggedPackages(before, list);
  }, [integrationPkgs, e2ePkgs] = await Promise.all([tagged("integration", inputs.integrationTags), tagged("e2e", inputs.e2eTags)]), raceWhy = has("race") ? await raceProblem(env) : void 0, e2eBinary = has("e2e") && e2ePkgs.length > 0 ? await resolveE2eBinary(inputs.e2eBinary, inputs.manifest) : void 0, goEnvAsked, goEnv = () => (goEnvAsked ??= readGoEnv(go, cwd, env), goEnvAsked);
  return { goVersion: await goVersionOf(go), env, cwd, go, goEnv, modules, pkgDirs, integrationPkgs, e2ePkgs, raceWhy, e2eBinary };
}
async function goTest(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, p = await prepare(inputs, ctx);
  reporter.info(`go-test: layers ${inputs.layers.join(" → ")} on ${inputs.packages.join(" ")} in ${p.cwd}`);
  let temp = ctx.env.RUNNER_TEMP || tmpdir2();
  await mkdir5(temp, { recursive: !0 });
  let workDir = await mkdtemp3(join20(temp, "gantry-go-test-")), tctx = {
    go: p.go,
    inputs,
    env: p.env,
    place: { pkgDirs: p.pkgDirs, modules: p.modules, cwd: p.cwd },
    reporter,
    coverpkg: p.modules.map((m) => `${m.path}/...`).join(","),
    workDir
  }, layers = [], logs = [], services = [];
  try {
    inputs.services.length > 0 && (services = await reporter.group("go-test: services", () => startServices(inputs.services, { cwd: p.cwd, env: p.env, logDir: workDir }, reporter)));
    let stoppedBy;
    for (let name of inputs.layers) {
      if (stoppedBy) {
        layers.push({ ...skippedLayer(name, `${stoppedBy} failed and fail-fast is on`), status: "not-run" });
        continue;
      }
      let r = await reporter.group(`go-test: ${name}`, async () => {
        let result = await runLayer(name, inputs, p, tctx, layers, logs);
        return result.log?.trim() && reporter.info(result.log.trimEnd()), result;
      });
      layers.push(r), reporter.info(`${name}: ${r.status} in ${formatDuration(r.durationMs)}${r.reason ? ` (${r.reason.split(`
`)[0]})` : ""}`), r.status === "failed" && inputs.failFast && (stoppedBy = name);
    }
    if (layers.some((l) => l.status === "failed")) for (let s of services) logs.push({ label: `${s.label} log`, tail: logTail(s, 50) });
    let merger = new CoverageMerger();
    if (inputs.coverage) for (let l of layers) GO_TEST_LAYERS.includes(l.layer) && l.runs > 0 && await merger.addFile(layerProfile(workDir, l.layer));
    let coverage = merger.percent();
    coverage !== void 0 && await merger.write(inputs.coverageProfile);
    let coverageFailure;
    return inputs.minCoverage !== void 0 && (coverage === void 0 ? coverageFailure = `min-coverage is ${inputs.minCoverage}% but no coverage was measured (no go test layer ran)` : coverage + 1e-9 < inputs.minCoverage && (coverageFailure = `coverage ${formatPercent(coverage)}% is below min-coverage ${inputs.minCoverage}%`)), await writeJunit(inputs.junit, layers, ctx.cwd, inputs.secrets), {
      layers,
      passed: !layers.some((l) => l.status === "failed") && !coverageFailure,
      goVersion: p.goVersion ?? "",
      coverage,
      coverageProfile: coverage !== void 0 ? inputs.coverageProfile : void 0,
      coverageFailure,
      junit: inputs.junit,
      logs,
      durationMs: performance.now() - started
    };
  } finally {
    await Promise.all(services.reverse().map((s) => stopProcess(s))), await rm7(workDir, { recursive: !0, force: !0 });
  }
}
async function runLayer(name, inputs, p, tctx, done, logs) {
  let { reporter } = tctx;
  switch (name) {
    case "vet":
      return runVet(p.go, inputs.packages, p.cwd, p.env);
    case "unit":
      return runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-short"] });
    case "race":
      return p.raceWhy ? (reporter.warning(`race layer skipped: ${p.raceWhy}`), skippedLayer(name, p.raceWhy)) : (p.env.CGO_ENABLED === "0" && reporter.info("CGO_ENABLED=0 is set: the race layer runs with CGO_ENABLED=1, which -race needs"), runTestLayer(tctx, { name, packages: inputs.packages, flags: ["-race"], env: { CGO_ENABLED: "1" } }));
    case "integration":
      return p.integrationPkgs.length === 0 ? skippedLayer(name, `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.integrationTags.join(",")}`) : runTestLayer(tctx, { name, packages: p.integrationPkgs, flags: [`-tags=${inputs.integrationTags.join(",")}`] });
    case "e2e":
      return runE2eLayer(inputs, p, tctx, logs);
    case "vuln":
      return runVulnLayer({ ...p, packages: inputs.packages, db: inputs.vulnDb, workDir: tctx.workDir, reporter });
    case "lint":
      return runLintLayer(
        { ...p, packages: inputs.packages, reporter },
        done.some((l) => l.layer === "vet" && l.status !== "not-run")
      );
  }
}
async function runE2eLayer(inputs, p, tctx, logs) {
  if (p.e2ePkgs.length === 0 || !p.e2eBinary)
    return skippedLayer("e2e", `no package in ${inputs.packages.join(" ")} has files with build tag ${inputs.e2eTags.join(",")}`);
  let started = performance.now(), service;
  try {
    service = await startE2e({
      binary: p.e2eBinary,
      args: inputs.e2eArgs,
      env: { ...p.env, ...inputs.e2eEnv },
      cwd: p.cwd,
      port: inputs.e2ePort,
      health: inputs.e2eHealth,
      startTimeoutMs: inputs.e2eStartTimeoutMs,
      logDir: tctx.workDir
    });
  } catch (err2) {
    if (!(err2 instanceof E2eError)) throw err2;
    return logs.push({ label: "e2e binary log", tail: err2.logTail }), { ...skippedLayer("e2e", err2.message), status: "failed", durationMs: performance.now() - started };
  }
  tctx.reporter.info(`e2e: ${p.e2eBinary} is up at ${service.baseUrl} (pid ${service.proc.pid})`);
  let result, error;
  try {
    result = await runTestLayer(tctx, { name: "e2e", packages: p.e2ePkgs, flags: [`-tags=${inputs.e2eTags.join(",")}`], env: { BASE_URL: service.baseUrl } });
  } catch (err2) {
    error = err2;
  }
  let down = await shutdownE2e(service, inputs.e2eShutdownTimeoutMs);
  if (tctx.reporter.info(down.ok ? `e2e: the binary shut down gracefully in ${formatDuration(down.ms)}` : `e2e: ${down.reason}`), error || !result) throw error;
  return down.ok || (result = { ...result, status: "failed", reason: down.reason }), result.status === "failed" && logs.push({ label: "e2e binary log", tail: logTail(service.proc, 50) }), { ...result, durationMs: performance.now() - started };
}
function failedTests(r, workspacePath2) {
  let out = [];
  for (let l of r.layers) {
    for (let f of l.packageFailures) out.push({ layer: l.layer, package: f.package, test: "[package]", ...ref(f.located.ref, workspacePath2) });
    for (let t of l.tests)
      t.status === "fail" && t.leaf && out.push({ layer: l.layer, package: t.package, test: t.name, ...ref(t.failure?.located.ref, workspacePath2) });
  }
  return out;
}
function ref(r, workspacePath2) {
  let file = r ? workspacePath2(r.file) : void 0;
  return file && r ? { file, line: r.line } : {};
}

// packages/go-test/src/summary.ts
var ICON = { passed: "✅ passed", failed: "❌ failed", skipped: "⚠️ skipped", "not-run": "⏭️ not run" };
function where(located, workspace) {
  let file = located.ref ? workspacePath(located.ref.file, workspace) : void 0;
  return file && located.ref ? `\`${file}:${located.ref.line}\`` : "";
}
function firstLine(text, max2 = 160) {
  let line = text.split(`
`)[0] ?? "";
  return line.length > max2 ? `${line.slice(0, max2 - 1)}…` : line;
}
function failures(layers, workspace) {
  let shown = [];
  for (let l of layers) {
    for (let f of l.packageFailures)
      shown.push({
        head: `❌ ${l.layer} · ${f.package} · ${f.located.kind === "build" ? "build failed" : "package failed"} ${where(f.located, workspace)} — ${cell(firstLine(f.located.message))}`,
        output: f.output
      });
    for (let t of l.tests) {
      if (t.status !== "fail" || !t.leaf || !t.failure) continue;
      let tries = t.attempts.length > 1 ? ` (${t.attempts.length} attempts)` : "";
      shown.push({
        head: `❌ ${l.layer} · ${t.package} · <b>${t.name}</b>${tries} ${where(t.failure.located, workspace)} — ${cell(firstLine(t.failure.located.message))}`,
        output: t.failure.output
      });
    }
    if (l.findings.length > 0 || l.status === "failed" && l.log !== void 0) {
      let list = l.findings.map((f) => `${workspacePath(f.file, workspace) ?? ""}${f.file ? `:${f.line}${f.col ? `:${f.col}` : ""}: ` : ""}${f.message}`).join(`
`);
      shown.push({ head: `❌ ${l.layer}: ${l.findings.length} finding(s)${l.reason ? ` — ${cell(firstLine(l.reason))}` : ""}`, output: list || l.log || "" });
    }
  }
  return shown;
}
function render(parts) {
  let items = parts.shown.map(
    (s) => parts.perOutput > 0 && s.output.trim() ? details(s.head, codeBlock(shorten(s.output.trimEnd(), parts.perOutput))) : `- ${s.head}`
  );
  return [parts.top, items.length > 0 ? `#### Failures

${items.join(`

`)}
` : "", parts.rest].filter(Boolean).join(`
`);
}
function goTestSummary(s, budget = MAX_SUMMARY_BYTES - 8 * 1024) {
  let failedLayers = s.layers.filter((l) => l.status === "failed").map((l) => l.layer), rows = s.layers.map((l) => {
    let c = layerCounts(l), tool = l.layer === "vet" || l.layer === "lint" || l.layer === "vuln";
    return l.status === "not-run" || l.status === "skipped" ? [l.layer, ICON[l.status], "—", "—", "—", "—", "—", l.reason ? firstLine(l.reason, 200) : ""] : [
      l.layer,
      ICON[l.status],
      tool ? "—" : c.passed,
      tool ? `${c.failed} finding(s)` : c.failed,
      tool ? "—" : c.skipped,
      tool ? "—" : c.flaky,
      formatDuration(l.durationMs),
      l.reason ? firstLine(l.reason, 200) : l.runs > 1 ? `${l.runs - 1} rerun(s)` : ""
    ];
  }), cov = s.coverage === void 0 ? "" : `**Coverage:** ${formatPercent(s.coverage)}% of statements across the layers${s.minCoverage !== void 0 ? ` (minimum ${s.minCoverage}%: ${s.coverage + 1e-9 >= s.minCoverage ? "✅ met" : "❌ not met"})` : ""}${s.coverageProfile ? ` · profile \`${workspacePath(s.coverageProfile, s.workspace) ?? s.coverageProfile}\`` : ""}
`, top = [
    `### go-test: ${s.passed ? "✅ passed" : `❌ failed${failedLayers.length > 0 ? ` (${failedLayers.join(", ")})` : ""}`}`,
    "",
    ...s.goVersion ? [`${s.goVersion.replace(/^go/, "go ")} · ${s.layers.map((l) => l.layer).join(" → ")}`, ""] : [],
    table(["Layer", "Status", "Passed", "Failed", "Skipped", "Flaky", "Duration", "Notes"], rows),
    "",
    cov
  ].join(`
`), flaky = s.layers.flatMap((l) => l.tests.filter((t) => t.flaky).map((t) => `- ${l.layer} · ${t.package} · **${t.name}**: failed, then passed on retry`)), slowest = s.layers.flatMap((l) => l.tests.filter((t) => !t.name.includes("/")).map((t) => ({ l: l.layer, t }))).sort((a, b) => b.t.elapsed - a.t.elapsed).slice(0, 10), rest = [
    flaky.length > 0 ? `#### Flaky tests (passed on retry)

${flaky.join(`
`)}
` : "",
    slowest.length > 0 ? `#### 10 slowest tests

${table(
      ["Test", "Package", "Layer", "Time"],
      slowest.map(({ l, t }) => [t.name, t.package, l, `${t.elapsed.toFixed(2)} s`])
    )}
` : "",
    !s.passed && s.logs.length > 0 ? `#### Logs

${s.logs.map((g) => details(g.label, codeBlock(shorten(g.tail, 8 * 1024) || "(no output)"))).join(`

`)}
` : "",
    s.junit ? `JUnit: \`${workspacePath(s.junit, s.workspace) ?? s.junit}\`
` : ""
  ].filter(Boolean).join(`
`), shown = failures(s.layers, s.workspace), fixed = Buffer.byteLength(render({ top, shown, perOutput: 0, rest })), share = Math.max(0, Math.floor((budget - fixed) / Math.max(1, shown.length)) - 200), perOutput = Number.POSITIVE_INFINITY, text = render({ top, shown, perOutput, rest });
  for (; Buffer.byteLength(text) > budget && perOutput > 0; )
    perOutput = perOutput === Number.POSITIVE_INFINITY ? share : perOutput >= 128 ? Math.floor(perOutput / 2) : 0, text = render({ top, shown, perOutput, rest });
  return text;
}

// packages/go-test/src/stage.ts
function resultsOutput(r) {
  let out = {};
  for (let l of r.layers)
    out[l.layer] = { status: l.status, ...layerCounts(l), duration: Math.round(l.durationMs) / 1e3, ...l.reason ? { reason: l.reason } : {} };
  return out;
}
function setGoTestOutputs(r, ctx) {
  ctx.setOutput("results", resultsOutput(r)), ctx.setOutput("coverage", r.coverage === void 0 ? "" : formatPercent(r.coverage)), ctx.setOutput("coverage-profile", r.coverageProfile ?? ""), ctx.setOutput("junit", r.junit), ctx.setOutput(
    "failed-tests",
    failedTests(r, (f) => workspacePath(f, ctx.cwd))
  );
}
function failureSentence(r) {
  let parts = r.layers.filter((l) => l.status === "failed").map((l) => {
    let c = layerCounts(l);
    return `${l.layer} failed (${l.reason && c.failed === 0 ? l.reason.split(`
`)[0] : `${c.failed} failure(s)`})`;
  }), notRun = r.layers.filter((l) => l.status === "not-run").map((l) => l.layer);
  return notRun.length > 0 && parts.push(`not run: ${notRun.join(", ")}`), r.coverageFailure && parts.push(r.coverageFailure), `go-test: ${parts.join("; ")}`;
}
var goTestStage = {
  name: "go-test",
  description: "Layered Go tests (vet, unit, race, integration, e2e, vuln, lint) with annotations at the failing line, JUnit and coverage gates.",
  inputs: GO_TEST_INPUTS,
  parse: (read, ctx) => parseGoTestInputs(read, ctx.cwd, (s) => ctx.reporter.mask(s)),
  async run(inputs, ctx) {
    let redact = redactor(inputs.secrets);
    try {
      await runGoTest2(inputs, { ...ctx, reporter: redactingReporter(ctx.reporter, redact), summary: (md) => ctx.summary(redact(md)) });
    } catch (err2) {
      throw err2 instanceof GantryError ? new GantryError(redact(err2.message)) : err2;
    }
  }
};
async function runGoTest2(inputs, ctx) {
  let r = await goTest(inputs, ctx);
  if (annotate(r.layers, ctx.cwd, ctx.reporter), setGoTestOutputs(r, ctx), ctx.summary(
    goTestSummary({
      layers: r.layers,
      passed: r.passed,
      coverage: r.coverage,
      minCoverage: inputs.minCoverage,
      coverageProfile: r.coverageProfile,
      junit: r.junit,
      logs: r.logs,
      workspace: ctx.cwd,
      goVersion: r.goVersion
    })
  ), ctx.reporter.debug(`go-test: ${formatDuration(r.durationMs)} in all`), !r.passed) throw new GantryError(failureSentence(r));
}

// packages/image/src/oci.ts
import { createHash as createHash2 } from "node:crypto";
var semver4 = __toESM(require_semver(), 1), MediaType = {
  index: "application/vnd.oci.image.index.v1+json",
  manifest: "application/vnd.oci.image.manifest.v1+json",
  config: "application/vnd.oci.image.config.v1+json",
  layerGzip: "application/vnd.oci.image.layer.v1.tar+gzip",
  layer: "application/vnd.oci.image.layer.v1.tar",
  dockerList: "application/vnd.docker.distribution.manifest.list.v2+json",
  dockerManifest: "application/vnd.docker.distribution.manifest.v2+json",
  dockerConfig: "application/vnd.docker.container.image.v1+json",
  dockerLayerGzip: "application/vnd.docker.image.rootfs.diff.tar.gzip"
}, MANIFEST_ACCEPT = [MediaType.index, MediaType.manifest, MediaType.dockerList, MediaType.dockerManifest].join(", ");
function digestOf(bytes) {
  return `sha256:${createHash2("sha256").update(bytes).digest("hex")}`;
}
function jsonBlob(mediaType, value) {
  let bytes = Buffer.from(JSON.stringify(value), "utf8");
  return { descriptor: { mediaType, digest: digestOf(bytes), size: bytes.length }, bytes };
}
function verifyDigest(bytes, digest, what) {
  if (!digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${digest} uses an algorithm gantry does not verify (only sha256)`);
  let actual = digestOf(bytes);
  if (actual !== digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${digest}; refusing to use it`);
}
function platformOfTarget(t, goVersion) {
  let p = { architecture: t.arch, os: t.os }, variant = t.variant;
  if (t.arch === "arm" && !variant) {
    let go = semver4.coerce(goVersion ?? "");
    variant = go && semver4.lt(go, "1.22.0") ? "v5" : "v7";
  }
  return t.arch === "arm64" && variant === "v8" && (variant = ""), variant && (p.variant = variant), p;
}
function formatPlatform(p) {
  return p.variant ? `${p.os}/${p.architecture}/${p.variant}` : `${p.os}/${p.architecture}`;
}
function parsePlatform(text) {
  let parts = text.trim().split("/");
  if (!(parts.length < 2 || parts.length > 3 || !parts.every((p) => /^[a-z0-9][a-z0-9._-]*$/.test(p))))
    return parts[2] ? { os: parts[0], architecture: parts[1], variant: parts[2] } : { os: parts[0], architecture: parts[1] };
}
function normalVariant(p) {
  return p.architecture === "arm64" ? p.variant && p.variant !== "v8" ? p.variant : "" : p.architecture === "arm" ? p.variant || "v7" : p.variant ?? "";
}
function samePlatform(a, b) {
  return a.os === b.os && a.architecture === b.architecture && normalVariant(a) === normalVariant(b);
}

// packages/image/src/layer.ts
import { createHash as createHash3 } from "node:crypto";
var GZIP_LEVEL = 1, COMPRESSOR = `fflate-0.8-gzip${GZIP_LEVEL}`;
function layerTar(entries, mtimeSeconds) {
  return reproducibleTar(entries, mtimeSeconds);
}
function gzipLayer(tar) {
  return gzipSync(tar, { level: GZIP_LEVEL, mtime: 0 });
}
async function buildLayer(entries, mtimeSeconds, role, cache) {
  let tar = await layerTar(entries, mtimeSeconds);
  return layerFromTar(tar, role, cache);
}
async function layerFromTar(tar, role, cache) {
  let diffId = `sha256:${createHash3("sha256").update(tar).digest("hex")}`, gz = await cache?.get(diffId);
  return gz || (gz = gzipLayer(tar), await cache?.put(diffId, gz)), {
    blob: { descriptor: { mediaType: MediaType.layerGzip, digest: digestOf(gz), size: gz.length }, bytes: gz },
    diffId,
    uncompressedSize: tar.length,
    role
  };
}

// packages/image/src/assemble.ts
var DEFAULT_PATH = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", BINARY_DIR = "usr/local/bin";
function scratchAccounts(user) {
  let [u = "65532", g] = user.split(":"), uid = u === "root" ? "0" : u === "nonroot" ? "65532" : u, gid = g === void 0 ? uid : g === "root" ? "0" : g === "nonroot" ? "65532" : g, passwd = ["root:x:0:0:root:/root:/sbin/nologin"], group = ["root:x:0:"];
  return uid !== "0" && passwd.push(`nonroot:x:${uid}:${gid}:nonroot:/home/nonroot:/sbin/nologin`), gid !== "0" && group.push(`nonroot:x:${gid}:`), { passwd: `${passwd.join(`
`)}
`, group: `${group.join(`
`)}
` };
}
function scratchEntries(user, caBundle) {
  let { passwd, group } = scratchAccounts(user), entries = [
    { path: "etc/passwd", mode: 420, data: Buffer.from(passwd) },
    { path: "etc/group", mode: 420, data: Buffer.from(group) },
    { path: "tmp/", mode: 1023 }
  ];
  return caBundle && entries.push({ path: "etc/ssl/certs/ca-certificates.crt", mode: 420, data: caBundle }), entries;
}
function mergeEnv(base, ours) {
  let out = [...base];
  for (let [k, v] of Object.entries(ours)) {
    let i2 = out.findIndex((e) => e.startsWith(`${k}=`));
    i2 >= 0 ? out[i2] = `${k}=${v}` : out.push(`${k}=${v}`);
  }
  return out;
}
function sorted(record) {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0));
}
function containerConfig(spec, base) {
  let entrypoint = spec.entrypoint ?? [`/${BINARY_DIR}/${spec.name}`], ports = { ...base?.ExposedPorts ?? {} };
  for (let p of spec.ports) ports[p] = {};
  let labels = sorted({ ...base?.Labels ?? {}, ...spec.labels }), c = { User: spec.user, Env: mergeEnv(base?.Env ?? [DEFAULT_PATH], spec.env), Entrypoint: entrypoint };
  spec.cmd && (c.Cmd = spec.cmd), Object.keys(ports).length > 0 && (c.ExposedPorts = Object.fromEntries(
    Object.keys(ports).sort().map((p) => [p, {}])
  ));
  let workdir = spec.workdir || base?.WorkingDir;
  return workdir && (c.WorkingDir = workdir), Object.keys(labels).length > 0 && (c.Labels = labels), base?.StopSignal && (c.StopSignal = base.StopSignal), c;
}
async function assemblePlatform(spec, platform, binary, base, cache) {
  let binaryLayer = await buildLayer([{ path: `${BINARY_DIR}/${spec.name}`, mode: 493, data: binary }], spec.epoch, "binary", cache), layers = [...base?.layers ?? [], ...spec.sharedLayers, binaryLayer], ours = [...spec.sharedLayers, binaryLayer].map((l) => ({
    created: spec.created,
    created_by: `gantry image: ${l.role} layer`,
    comment: "gantry"
  })), config = {
    created: spec.created,
    architecture: platform.architecture,
    os: platform.os,
    ...platform.variant ? { variant: platform.variant } : {},
    config: containerConfig(spec, base?.config.config),
    rootfs: { type: "layers", diff_ids: layers.map((l) => l.diffId) },
    history: [...base?.config.history ?? [], ...ours]
  }, configBlob = jsonBlob(MediaType.config, config), annotations2 = { ...spec.annotations };
  spec.base && (annotations2["org.opencontainers.image.base.name"] = spec.base.name, annotations2["org.opencontainers.image.base.digest"] = spec.base.digest);
  let manifest = {
    schemaVersion: 2,
    mediaType: MediaType.manifest,
    config: configBlob.descriptor,
    layers: layers.map((l) => l.blob.descriptor),
    ...Object.keys(annotations2).length > 0 ? { annotations: sorted(annotations2) } : {}
  };
  return { platform, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers };
}
function assembleIndex(images, annotations2) {
  let index = {
    schemaVersion: 2,
    mediaType: MediaType.index,
    manifests: images.map((i2) => ({ ...i2.manifest.descriptor, platform: i2.platform })),
    ...Object.keys(annotations2).length > 0 ? { annotations: sorted(annotations2) } : {}
  }, blobs = /* @__PURE__ */ new Map();
  for (let i2 of images) {
    for (let l of i2.layers) blobs.set(l.blob.descriptor.digest, l.blob.bytes);
    blobs.set(i2.config.descriptor.digest, i2.config.bytes), blobs.set(i2.manifest.descriptor.digest, i2.manifest.bytes);
  }
  let indexBlob = jsonBlob(MediaType.index, index);
  return blobs.set(indexBlob.descriptor.digest, indexBlob.bytes), { index: indexBlob, images: [...images], blobs };
}

// packages/image/src/auth.ts
import { readFile as readFile11 } from "node:fs/promises";
import { homedir } from "node:os";
import { join as join21 } from "node:path";

// packages/image/src/reference.ts
var COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/, DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[0-9a-fA-F:]+\])(?::[0-9]{1,5})?$/, TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, DIGEST = /^sha256:[a-f0-9]{64}$/, DOCKER_HUB = "docker.io", ACCEPTED_REPO = "accepted: [registry[:port]/]path in lower case, e.g. ghcr.io/acme/api or 127.0.0.1:5000/api";
function parseReference(text, input, allow) {
  let fail = (why) => {
    throw new InputError(input, text, `${why}; ${ACCEPTED_REPO}${allow.tag ? ", optionally :tag" : ""}${allow.digest ? " and @sha256:<64 hex>" : ""}`);
  }, rest = text.trim();
  (rest === "" || /\s/.test(rest)) && fail("it is empty or has spaces"), rest.startsWith("-") && fail('it begins with "-", which a command would read as an option');
  let digest, at2 = rest.indexOf("@");
  at2 >= 0 && (digest = rest.slice(at2 + 1), rest = rest.slice(0, at2), allow.digest || fail("a digest is not accepted here"), DIGEST.test(digest) || fail(`the digest ${JSON.stringify(digest)} is not sha256: followed by 64 lower-case hex digits`));
  let tag, lastSlash = rest.lastIndexOf("/"), colon = rest.lastIndexOf(":");
  colon > lastSlash && (tag = rest.slice(colon + 1), rest = rest.slice(0, colon), allow.tag || fail("a tag is not accepted here (give tags in the tags input)"), TAG.test(tag) || fail(`the tag ${JSON.stringify(tag)} is not valid (letters, digits, _ . -, up to 128, not starting with . or -)`));
  let parts = rest.split("/"), registry = DOCKER_HUB, first = parts[0];
  parts.length > 1 && (first.includes(".") || first.includes(":") || first === "localhost") && (DOMAIN.test(first) || fail(`the registry ${JSON.stringify(first)} is not a host[:port]`), registry = first, parts.shift()), (parts.length === 0 || !parts.every((p) => COMPONENT.test(p))) && fail("the repository path must be lower-case letters, digits and single . _ - between them"), registry === DOCKER_HUB && parts.length === 1 && parts.unshift("library");
  let repository = parts.join("/");
  return registry.length + repository.length + 1 > 255 && fail("the name is longer than 255 characters"), { registry, repository, ...tag ? { tag } : {}, ...digest ? { digest } : {} };
}
function formatReference(r) {
  return `${r.registry}/${r.repository}${r.tag ? `:${r.tag}` : ""}${r.digest ? `@${r.digest}` : ""}`;
}
function apiHost(registry) {
  return registry === DOCKER_HUB ? "registry-1.docker.io" : registry;
}
function isLoopback(registry) {
  let host = registry.startsWith("[") ? registry.slice(1, registry.indexOf("]")) : registry.replace(/:\d+$/, "");
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function sanitizeTag(text) {
  let t = text.replace(/[^A-Za-z0-9_.-]/g, "-").slice(0, 128);
  return /^[.-]/.test(t) && (t = `v${t}`.slice(0, 128)), t;
}

// packages/image/src/auth.ts
function parseChallenge(header) {
  if (!header) return;
  let found = [];
  for (let m of header.matchAll(/(Basic|Bearer)\s*((?:[a-zA-Z_]+=(?:"[^"]*"|[^,\s]*)\s*,?\s*)*)/gi)) {
    let params = {};
    for (let p of (m[2] ?? "").matchAll(/([a-zA-Z_]+)=(?:"([^"]*)"|([^,\s]*))/g)) params[p[1].toLowerCase()] = p[2] ?? p[3] ?? "";
    found.push({ scheme: m[1].toLowerCase(), params });
  }
  return found.find((c) => c.scheme === "bearer") ?? found[0];
}
function realmMayGetCredentials(registryBase, realm) {
  return realm.origin === registryBase.origin ? !0 : registryBase.origin === "https://registry-1.docker.io" && realm.origin === "https://auth.docker.io";
}
async function fetchToken(t) {
  let url = new URL(t.realm);
  t.service && url.searchParams.set("service", t.service);
  for (let s of t.scopes) url.searchParams.append("scope", s);
  let headers = { "User-Agent": "gantry-image" }, creds = t.credentials;
  creds && (headers.Authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`);
  let res = await fetchWithTimeout(url, { headers, redirect: "manual" }, t.timeoutMs);
  if (!res.ok) return { status: res.status, body: await readErrorBody(res, 300) };
  let body = {};
  try {
    body = JSON.parse((await readBodyLimited(res, 1024 * 1024, "the token answer")).toString("utf8"));
  } catch (err2) {
    if (err2 instanceof GantryError) throw err2;
  }
  let token = body.token ?? body.access_token;
  return token ? { token } : { status: res.status, body: "no token in the answer" };
}
async function bearerAuthorization(b) {
  let realm;
  try {
    realm = new URL(b.challenge.params.realm ?? "");
  } catch {
    throw new GantryError(`registry ${b.registry} sent a Bearer challenge without a usable realm`);
  }
  let creds = b.credentials, trusted = realmMayGetCredentials(b.base, realm), withheldFrom = creds && !trusted && !b.authForce ? redactUrl(realm) : void 0;
  withheldFrom && b.reporter.warning(
    `registry ${b.registry} sends gantry to the token service ${withheldFrom}, ${realm.protocol === "http:" && b.base.protocol === "https:" ? "over plain HTTP" : "on another origin"}: the credentials from ${creds?.source} were not sent there (set auth-force: true if you trust it); asking for an anonymous token`
  );
  let send = withheldFrom ? void 0 : creds, service = b.challenge.params.service, answer;
  try {
    answer = await fetchToken({ realm, ...service ? { service } : {}, scopes: b.scopes, credentials: send, timeoutMs: b.timeoutMs });
  } catch (err2) {
    throw new GantryError(`the token service ${realm.origin} of registry ${b.registry} did not answer: ${err2.message}`);
  }
  let w = withheldFrom ? { withheldFrom } : {};
  if ("token" in answer) return { authorization: `Bearer ${answer.token}`, ...w };
  if (answer.status === 401 || answer.status === 403)
    return {
      denied: `its token service ${realm.origin} refused ${send ? `the credentials from ${send.source}` : "anonymous access"} (HTTP ${answer.status})`,
      ...w
    };
  throw new GantryError(
    `the token service ${realm.origin} of registry ${b.registry} answered HTTP ${answer.status} for scope ${b.scopes[0]}${answer.body ? `: ${answer.body}` : ""}`
  );
}
function configKeys(registry) {
  return registry === DOCKER_HUB ? ["https://index.docker.io/v1/", "index.docker.io", "docker.io", "registry-1.docker.io"] : [registry];
}
function hostOfKey(key2) {
  return key2.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
}
function dockerConfigPath(env) {
  return join21(env.DOCKER_CONFIG || join21(env.HOME || homedir(), ".docker"), "config.json");
}
async function dockerConfigCredentials(registry, env) {
  let path = dockerConfigPath(env), config;
  try {
    config = JSON.parse(await readFile11(path, "utf8"));
  } catch (err2) {
    if (err2.code === "ENOENT") return;
    throw new GantryError(`${path} cannot be read as JSON (${err2.message}); fix or remove it, or set username and password`);
  }
  let keys = configKeys(registry);
  for (let [key2, entry] of Object.entries(config.auths ?? {}))
    if (!(!keys.includes(key2) && !keys.includes(hostOfKey(key2)))) {
      if (entry.auth) {
        let decoded = Buffer.from(entry.auth, "base64").toString("utf8"), colon = decoded.indexOf(":");
        if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1), source: `${path} (auths.${key2})` };
      }
      if (entry.username && entry.password) return { username: entry.username, password: entry.password, source: `${path} (auths.${key2})` };
    }
  let helper = keys.map((k) => config.credHelpers?.[k]).find(Boolean) ?? config.credsStore;
  if (!helper) return;
  let server = registry === DOCKER_HUB ? "https://index.docker.io/v1/" : registry, r = await exec(`docker-credential-${helper}`, ["get"], { input: server, allowFailure: !0, timeoutMs: 3e4, env }).catch(() => {
  });
  if (!(r?.code !== 0 || !r))
    try {
      let out = JSON.parse(r.stdout);
      if (out.Username && out.Secret && out.Username !== "<token>")
        return { username: out.Username, password: out.Secret, source: `docker-credential-${helper}` };
    } catch {
    }
}

// packages/image/src/binaries.ts
import { readFile as readFile12, readdir as readdir4, stat as stat9 } from "node:fs/promises";
import { isAbsolute as isAbsolute10, join as join22, relative as relative11, resolve as resolve11 } from "node:path";
var GLOB = /[*?[]/;
function globRegex(segment) {
  let body = segment.replace(/[.+^${}()|\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]");
  return new RegExp(`^${body}$`);
}
async function listDir(dir2) {
  try {
    return (await readdir4(dir2, { withFileTypes: !0 })).map((d) => ({ name: d.name, dir: d.isDirectory() }));
  } catch {
    return [];
  }
}
async function glob(pattern) {
  let segments = pattern.split("/"), firstGlob = segments.findIndex((s) => GLOB.test(s)), root = segments.slice(0, firstGlob).join("/") || "/", found = [], walk2 = async (dir2, rest) => {
    let [seg, ...tail] = rest;
    if (seg === void 0) return;
    if (seg === "**") {
      await walk2(dir2, tail);
      for (let e of await listDir(dir2)) e.dir && !e.name.startsWith(".") && e.name !== "node_modules" && await walk2(join22(dir2, e.name), rest);
      return;
    }
    let re = globRegex(seg);
    for (let e of await listDir(dir2))
      re.test(e.name) && (tail.length === 0 && !e.dir ? found.push(join22(dir2, e.name)) : e.dir && await walk2(join22(dir2, e.name), tail));
  };
  return await walk2(root, segments.slice(firstGlob)), [...new Set(found)].sort();
}
async function manifestsUnder(dir2, depth = 4) {
  let out = [];
  for (let e of await listDir(dir2))
    !e.dir && e.name === MANIFEST_FILE ? out.push(join22(dir2, e.name)) : e.dir && depth > 0 && !e.name.startsWith(".") && e.name !== "node_modules" && out.push(...await manifestsUnder(join22(dir2, e.name), depth - 1));
  return out.sort();
}
async function findManifests(spec, cwd) {
  let path = isAbsolute10(spec) ? spec : resolve11(cwd, spec), files;
  if (GLOB.test(spec)) files = await glob(path);
  else {
    let s = await stat9(path).catch(() => {
    });
    if (!s)
      throw new InputError(
        "manifest",
        spec,
        `${path} does not exist; run go-build first, or give the manifest's path, a folder of downloaded artifacts or a glob`
      );
    files = s.isDirectory() ? await manifestsUnder(path) : [path];
  }
  if (files.length === 0)
    throw new InputError(
      "manifest",
      spec,
      `no ${MANIFEST_FILE} found there; give go-build's manifest, a folder holding them or a glob such as artifacts/*/${MANIFEST_FILE}`
    );
  return files;
}
function epochOf(date) {
  let ms = Date.parse(date);
  return Number.isFinite(ms) ? Math.floor(ms / 1e3) : 0;
}
async function loadBuildSet(files, cwd) {
  let first, firstPath = "", byTarget = /* @__PURE__ */ new Map(), others = /* @__PURE__ */ new Set();
  for (let file of files) {
    let m2 = await readManifest(file);
    if (!first)
      first = m2, firstPath = file;
    else
      for (let key2 of ["project", "version", "commit"])
        if (m2[key2] !== first[key2])
          throw new GantryError(
            `manifests ${relative11(cwd, firstPath)} and ${relative11(cwd, file)} are from different builds (${key2} ${JSON.stringify(first[key2])} vs ${JSON.stringify(m2[key2])}); merge only the matrix jobs of one build`
          );
    for (let a of m2.artifacts) {
      if (a.os !== "linux") {
        others.add(a.target);
        continue;
      }
      let seen = byTarget.get(a.target);
      if (seen && seen.a.sha256 !== a.sha256)
        throw new GantryError(
          `${a.target} is in ${relative11(cwd, seen.manifest)} and ${relative11(cwd, file)} with different binaries (sha256 ${seen.a.sha256.slice(0, 12)} vs ${a.sha256.slice(0, 12)})`
        );
      seen || byTarget.set(a.target, { a: { ...a, path: resolveInManifest(file, a.path) }, manifest: file, go: typeof m2.go == "string" ? m2.go : "" });
    }
  }
  let m = first, binaries = [];
  for (let { a, go } of byTarget.values())
    binaries.push({ artifact: a, path: a.path, platform: platformOfTarget({ os: a.os, arch: a.arch, variant: a.variant ?? "" }, go), data: new Uint8Array() });
  return binaries.sort((x2, y) => formatPlatform(x2.platform) < formatPlatform(y.platform) ? -1 : 1), {
    project: m.project,
    version: m.version,
    commit: m.commit,
    date: m.date,
    epoch: epochOf(m.date),
    binaries,
    others: [...others].sort(),
    manifests: [...files]
  };
}
async function selectBinaries(set, wanted) {
  let have = set.binaries.map((b) => formatPlatform(b.platform));
  if (set.binaries.length === 0) {
    let targets = set.others.length > 0 ? `only ${set.others.join(", ")}` : "no artifacts";
    throw new GantryError(`${set.manifests.join(", ")} has no Linux binaries (${targets}); add linux targets to go-build's targets`);
  }
  let chosen = wanted.length === 0 ? set.binaries : wanted.map((p) => {
    let b = set.binaries.find((x2) => samePlatform(x2.platform, p));
    if (!b) throw new InputError("platforms", formatPlatform(p), `it is not in the manifest, which has ${have.join(", ")}`);
    return b;
  });
  return Promise.all(
    chosen.map(async (b) => {
      let data;
      try {
        data = await readFile12(b.path);
      } catch {
        throw new GantryError(
          `the ${b.artifact.target} binary ${b.path} named in the manifest cannot be read; download every build artifact next to its artifacts.json`
        );
      }
      if (sha256(data) !== b.artifact.sha256)
        throw new GantryError(
          `${b.path} does not match the manifest (sha256 ${sha256(data).slice(0, 12)}, manifest says ${b.artifact.sha256.slice(0, 12)}): it changed after go-build; rebuild`
        );
      return { ...b, data };
    })
  );
}

// packages/image/src/cache.ts
import { createHash as createHash4 } from "node:crypto";
import { mkdir as mkdir6, readFile as readFile13, readdir as readdir5, rm as rm8, stat as stat10 } from "node:fs/promises";
import { homedir as homedir2 } from "node:os";
import { join as join23 } from "node:path";
var MAX_ENTRIES = 64;
function diskLayerCache(env) {
  let setting = env.GANTRY_LAYER_CACHE?.trim();
  if (setting === "off") return;
  let dir2 = setting || join23(env.XDG_CACHE_HOME || join23(homedir2(), ".cache"), "gantry", "layers"), prefix = (diffId) => `${diffId.replace("sha256:", "")}.${COMPRESSOR}.`;
  return {
    async get(diffId) {
      let names;
      try {
        names = await readdir5(dir2);
      } catch {
        return;
      }
      let name = names.find((n) => n.startsWith(prefix(diffId)));
      if (name)
        try {
          let bytes = await readFile13(join23(dir2, name));
          if (createHash4("sha256").update(bytes).digest("hex") === name.slice(prefix(diffId).length)) return bytes;
          await rm8(join23(dir2, name), { force: !0 });
        } catch {
        }
    },
    async put(diffId, gz) {
      try {
        await mkdir6(dir2, { recursive: !0 }), await writeFileAtomic(join23(dir2, `${prefix(diffId)}${createHash4("sha256").update(gz).digest("hex")}`), gz);
        let names = await readdir5(dir2);
        if (names.length <= MAX_ENTRIES) return;
        let aged = await Promise.all(names.map(async (n) => ({ n, t: (await stat10(join23(dir2, n)).catch(() => {
        }))?.mtimeMs ?? 0 })));
        aged.sort((a, b) => a.t - b.t);
        for (let { n } of aged.slice(0, names.length - MAX_ENTRIES)) await rm8(join23(dir2, n), { force: !0 });
      } catch {
      }
    }
  };
}

// packages/image/src/docker.ts
import { mkdir as mkdir7, mkdtemp as mkdtemp4, readFile as readFile14, rm as rm9 } from "node:fs/promises";
import { tmpdir as tmpdir3 } from "node:os";
import { join as join24 } from "node:path";
var import_tar_stream2 = __toESM(require_tar_stream(), 1);
async function dockerServerVersion(env) {
  let r = await exec("docker", ["version", "--format", "{{.Server.Version}}"], { env, allowFailure: !0, timeoutMs: 15e3 }).catch(() => {
  }), v = r?.stdout.trim();
  return r?.code === 0 && v ? v : void 0;
}
async function dockerLoad(file, env) {
  return [...(await exec("docker", ["load", "--input", file], { env, timeoutMs: 3e5 })).stdout.matchAll(/^Loaded image(?: ID)?: (\S+)$/gm)].map((m) => m[1]);
}
async function readTar2(bytes) {
  let files = /* @__PURE__ */ new Map(), ex = (0, import_tar_stream2.extract)(), done = new Promise((res, rej) => {
    ex.on("entry", (header, stream, next) => {
      let chunks = [];
      stream.on("data", (c) => chunks.push(c)), stream.on("end", () => {
        header.type === "file" && files.set(header.name.replace(/^\.\//, ""), Buffer.concat(chunks)), next();
      }), stream.resume();
    }), ex.on("finish", res), ex.on("error", rej);
  });
  return ex.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), await done, files;
}
var MIN_MASKED = 4;
function dockerBuildCommand(o, iidfile) {
  let args = ["build", "--iidfile", iidfile, "--file", o.dockerfile];
  for (let k of Object.keys(o.buildArgs)) args.push("--build-arg", k);
  for (let [k, v] of Object.entries(o.labels)) args.push("--label", `${k}=${v}`);
  return o.target && args.push("--target", o.target), args.push("--", o.context), { args, extraEnv: { ...o.buildArgs } };
}
async function dockerBuild(o) {
  if (!await dockerServerVersion(o.env))
    throw new GantryError(
      `engine: docker needs a Docker daemon and none answers (DOCKER_HOST=${o.env.DOCKER_HOST ?? "unset"}); start one, or use engine: oci, which needs none`
    );
  let parent = o.env.RUNNER_TEMP || tmpdir3();
  await mkdir7(parent, { recursive: !0 });
  let tmp = await mkdtemp4(join24(parent, "gantry-docker-"));
  try {
    let iid = join24(tmp, "iid"), { args, extraEnv } = dockerBuildCommand(o, iid);
    for (let v of Object.values(o.buildArgs)) v.length >= MIN_MASKED && o.reporter.mask(v);
    try {
      await exec("docker", args, {
        env: o.env,
        extraEnv,
        timeoutMs: 36e5,
        onStdoutLine: (l) => o.reporter.info(l),
        onStderrLine: (l) => o.reporter.info(l)
      });
    } catch (err2) {
      throw err2 instanceof ExecError ? new GantryError(`docker build of ${o.dockerfile} failed (exit ${err2.code}):
${lastLines(err2.result.stdout + err2.result.stderr, 15)}`) : err2;
    }
    let id = (await readFile14(iid, "utf8")).trim(), saved = join24(tmp, "image.tar");
    await exec("docker", ["save", "--output", saved, "--", id], { env: o.env, timeoutMs: 6e5 });
    let files = await readTar2(await readFile14(saved)), entry = JSON.parse(files.get("manifest.json")?.toString("utf8") ?? "[]")[0], configBytes = entry && files.get(entry.Config);
    if (!entry || !configBytes) throw new GantryError(`docker save of ${id} has no manifest.json entry or config gantry can read`);
    let config = JSON.parse(configBytes.toString("utf8")), layers = [];
    for (let [i2, path] of entry.Layers.entries()) {
      let tar = files.get(path);
      if (!tar) throw new GantryError(`docker save of ${id} lacks its layer ${path}`);
      let layer = await layerFromTar(tar, "dockerfile", o.cache);
      if (layer.diffId !== config.rootfs.diff_ids[i2])
        throw new GantryError(`docker save of ${id}: layer ${path} is ${layer.diffId}, the config says ${config.rootfs.diff_ids[i2]}`);
      layers.push(layer);
    }
    let configBlob = { descriptor: { mediaType: MediaType.config, digest: digestOf(configBytes), size: configBytes.length }, bytes: configBytes }, manifest = {
      schemaVersion: 2,
      mediaType: MediaType.manifest,
      config: configBlob.descriptor,
      layers: layers.map((l) => l.blob.descriptor),
      ...Object.keys(o.annotations).length > 0 ? { annotations: o.annotations } : {}
    };
    return { image: { platform: { architecture: config.architecture, os: config.os, ...config.variant ? { variant: config.variant } : {} }, manifest: jsonBlob(MediaType.manifest, manifest), config: configBlob, layers }, id };
  } finally {
    await rm9(tmp, { recursive: !0, force: !0 });
  }
}
async function dockerTag(id, names, env) {
  for (let n of names) {
    if (n.startsWith("-") || id.startsWith("-")) throw new GantryError(`docker tag ${id} ${n}: a reference cannot begin with "-"`);
    await exec("docker", ["tag", "--", id, n], { env, timeoutMs: 6e4 });
  }
}

// packages/image/src/image.ts
import { readFile as readFile15, readdir as readdir7, rm as rm11, stat as stat12 } from "node:fs/promises";
import { tmpdir as tmpdir4 } from "node:os";
import { join as join26, resolve as resolve13 } from "node:path";

// packages/image/src/inputs.ts
import { isAbsolute as isAbsolute11, posix, resolve as resolve12 } from "node:path";
var IMAGE_INPUTS = {
  manifest: "dist/artifacts.json",
  platforms: "",
  repository: "",
  tags: "",
  base: "scratch",
  "ca-certificates": "true",
  user: "65532:65532",
  entrypoint: "",
  cmd: "",
  env: "",
  ports: "",
  workdir: "",
  labels: "",
  annotations: "",
  files: "",
  push: "false",
  "oci-layout": "",
  "docker-archive": "",
  "load-platform": "",
  load: "false",
  username: "",
  password: "",
  insecure: "false",
  force: "false",
  "auth-force": "false",
  engine: "oci",
  dockerfile: "Dockerfile",
  context: ".",
  "build-args": "",
  target: ""
}, DOCKER_CLIENT_ENV = /^(PATH|HOME|TMPDIR|DOCKER_.*|BUILDX_.*|LD_.*|SSL_CERT_.*|XDG_.*|GODEBUG|GOGC|GOMAXPROCS|GOMEMLIMIT|GOTRACEBACK)$/i, KEY = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
function pairs(read, name) {
  let out = {};
  for (let line of read.lines(name)) {
    let eq = line.indexOf("="), key2 = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!KEY.test(key2)) throw new InputError(name, line, "accepted: one key=value per line, e.g. org.opencontainers.image.title=api");
    out[key2] = line.slice(eq + 1).trim();
  }
  return out;
}
function parseArgv(text, name) {
  if (text !== "") {
    if (text.startsWith("[")) {
      let v;
      try {
        v = JSON.parse(text);
      } catch {
        v = void 0;
      }
      if (!Array.isArray(v) || !v.every((s) => typeof s == "string"))
        throw new InputError(name, text, 'accepted: a JSON array of strings, e.g. ["/app", "serve"], or words separated by spaces');
      return v;
    }
    return text.split(/\s+/).filter(Boolean);
  }
}
function parsePort(text) {
  let m = /^(\d{1,5})(?:\/(tcp|udp|sctp))?$/.exec(text);
  if (!m || Number(m[1]) < 1 || Number(m[1]) > 65535) throw new InputError("ports", text, "accepted: port[/tcp|udp|sctp] from 1 to 65535, e.g. 8080/tcp");
  return `${Number(m[1])}/${m[2] ?? "tcp"}`;
}
function parseFileSpec(line, abs) {
  let accepted = "accepted: src:dest[:mode] per line, dest an absolute path in the image, mode octal, e.g. config/app.yaml:/etc/app/app.yaml:0644", parts = line.split(":"), mode;
  if (parts.length >= 3 && /^0?[0-7]{3,4}$/.test(parts[parts.length - 1]) && (mode = Number.parseInt(parts.pop(), 8)), parts.length < 2) throw new InputError("files", line, accepted);
  let dest = parts.pop(), source = parts.join(":");
  if (!source || !dest.startsWith("/")) throw new InputError("files", line, accepted);
  let normal = posix.normalize(dest).replace(/^\/+/, "").replace(/\/+$/, "");
  if (normal === "" || normal.split("/").includes("..")) throw new InputError("files", line, `the destination must name a path below /; ${accepted}`);
  return { source: abs(source), dest: normal, ...mode === void 0 ? {} : { mode } };
}
function parseImageInputs(read, cwd) {
  let abs = (p) => isAbsolute11(p) ? p : resolve12(cwd, p), absOrEmpty = (name) => read.string(name) ? abs(read.string(name)) : "", platforms = read.list("platforms").map((p) => {
    let parsed = parsePlatform(p);
    if (!parsed) throw new InputError("platforms", p, "accepted: os/arch[/variant] separated by commas, e.g. linux/amd64,linux/arm64");
    return parsed;
  }), repoText = read.string("repository"), repository = repoText ? parseReference(repoText, "repository", { tag: !1, digest: !1 }) : void 0, tags = read.list("tags");
  for (let t of tags)
    if (!TAG.test(t)) throw new InputError("tags", t, "accepted: tags of letters, digits, _ . - (up to 128, not starting with . or -), separated by commas");
  let baseText = read.string("base") || "scratch", base = baseText === "scratch" ? "scratch" : parseReference(baseText, "base", { tag: !0, digest: !0 }), user = read.string("user");
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(?::[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(user))
    throw new InputError("user", user, "accepted: uid[:gid] or name[:group], e.g. 65532:65532");
  if (base === "scratch" && !/^(\d+|root|nonroot)(:(\d+|root|nonroot))?$/.test(user))
    throw new InputError(
      "user",
      user,
      "a scratch image has no user names but root and nonroot: give uid[:gid], e.g. 65532:65532, or use a base image that has the user"
    );
  let workdir = read.string("workdir");
  if (workdir && !workdir.startsWith("/")) throw new InputError("workdir", workdir, "accepted: an absolute path in the image, e.g. /app");
  let push = read.bool("push");
  if (push && !repository) throw new InputError("repository", "", "it is required when push is true; e.g. ghcr.io/acme/api");
  let insecure = read.bool("insecure"), force = read.bool("force");
  if (insecure && repository && !isLoopback(repository.registry) && !force)
    throw new InputError(
      "insecure",
      "true",
      `${repository.registry} is not on loopback (127.0.0.1, ::1, localhost): plain HTTP would send credentials and layers in the clear; set force: true to allow it anyway`
    );
  let username = read.string("username"), password = read.string("password");
  if (!!username != !!password)
    throw new InputError(username ? "password" : "username", "", "username and password are given together, or neither (then ~/.docker/config.json is used)");
  let loadPlatformText = read.string("load-platform"), loadPlatform = loadPlatformText ? parsePlatform(loadPlatformText) : void 0;
  if (loadPlatformText && !loadPlatform) throw new InputError("load-platform", loadPlatformText, "accepted: os/arch[/variant], e.g. linux/amd64");
  let buildArgs = read.keyValues("build-args");
  for (let k of Object.keys(buildArgs))
    if (DOCKER_CLIENT_ENV.test(k))
      throw new InputError(
        "build-args",
        k,
        "PATH, HOME, TMPDIR, DOCKER_*, BUILDX_*, LD_*, SSL_CERT_*, XDG_* and the Go runtime's GODEBUG, GOGC, GOMAXPROCS, GOMEMLIMIT, GOTRACEBACK set how the docker client itself runs; accepted: other KEY=value lines (HTTP_PROXY, HTTPS_PROXY, NO_PROXY are allowed)"
      );
  let target = read.string("target");
  if (target && !/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(target))
    throw new InputError("target", target, "accepted: a stage name of the Dockerfile (letters, digits, _ . -)");
  return {
    manifest: read.string("manifest") || IMAGE_INPUTS.manifest,
    cwd,
    platforms,
    ...repository ? { repository } : {},
    tags,
    base,
    caCertificates: read.bool("ca-certificates"),
    user,
    entrypoint: parseArgv(read.string("entrypoint"), "entrypoint"),
    cmd: parseArgv(read.string("cmd"), "cmd"),
    env: read.keyValues("env"),
    ports: read.list("ports").map(parsePort),
    workdir,
    labels: pairs(read, "labels"),
    annotations: pairs(read, "annotations"),
    files: read.lines("files").map((l) => parseFileSpec(l, abs)),
    push,
    ociLayout: absOrEmpty("oci-layout"),
    dockerArchive: absOrEmpty("docker-archive"),
    ...loadPlatform ? { loadPlatform } : {},
    load: read.bool("load"),
    username,
    password,
    insecure,
    force,
    authForce: read.bool("auth-force"),
    engine: read.choice("engine", ["oci", "docker"]),
    dockerfile: abs(read.string("dockerfile") || "Dockerfile"),
    context: abs(read.string("context") || "."),
    buildArgs,
    target
  };
}
function usesHttp(inputs, registry) {
  return inputs.insecure && (isLoopback(registry) || inputs.force);
}

// packages/image/src/layout.ts
import { mkdir as mkdir8, readdir as readdir6, rename as rename3, rm as rm10, stat as stat11, writeFile as writeFile2 } from "node:fs/promises";
import { basename as basename6, dirname as dirname8, join as join25 } from "node:path";
var import_tar_stream3 = __toESM(require_tar_stream(), 1);
var LAYOUT_FILE = JSON.stringify({ imageLayoutVersion: "1.0.0" });
function layoutIndex(target, tags) {
  let named = tags.length === 0 ? [target] : tags.map((t) => ({ ...target, annotations: { "org.opencontainers.image.ref.name": t } })), index = { schemaVersion: 2, mediaType: MediaType.index, manifests: named };
  return JSON.stringify(index);
}
async function writeOciLayout(dir2, image, tags) {
  let s = await stat11(dir2).catch(() => {
  });
  if (s) {
    let names = s.isDirectory() ? await readdir6(dir2) : ["(a file)"];
    if (names.length > 0 && !names.includes("oci-layout"))
      throw new GantryError(`oci-layout: ${dir2} exists and is not an OCI layout (it holds ${names.slice(0, 3).join(", ")}); give a new or empty folder`);
  }
  await mkdir8(dirname8(dir2), { recursive: !0 });
  let staging = join25(dirname8(dir2), `.${basename6(dir2)}.gantry-${process.pid}-${Date.now()}`);
  try {
    await mkdir8(join25(staging, "blobs", "sha256"), { recursive: !0 });
    for (let [digest, bytes] of image.blobs) await writeFile2(join25(staging, "blobs", "sha256", digest.slice(7)), bytes);
    await writeFile2(join25(staging, "oci-layout"), LAYOUT_FILE), await writeFile2(join25(staging, "index.json"), layoutIndex(image.index.descriptor, tags));
    let old = `${staging}.old`;
    s && await rename3(dir2, old), await rename3(staging, dir2), s && await rm10(old, { recursive: !0, force: !0 });
  } catch (err2) {
    throw await rm10(staging, { recursive: !0, force: !0 }), err2;
  }
}
async function dockerArchive(image, repoTags, epoch) {
  let blobPath = (d) => `blobs/sha256/${d.digest.slice(7)}`, files = /* @__PURE__ */ new Map();
  for (let l of image.layers) files.set(blobPath(l.blob.descriptor), l.blob.bytes);
  files.set(blobPath(image.config.descriptor), image.config.bytes), files.set(blobPath(image.manifest.descriptor), image.manifest.bytes), files.set("oci-layout", Buffer.from(LAYOUT_FILE)), files.set("index.json", Buffer.from(layoutIndex({ ...image.manifest.descriptor, platform: image.platform }, [])));
  let manifest = [{ Config: blobPath(image.config.descriptor), RepoTags: [...repoTags], Layers: image.layers.map((l) => blobPath(l.blob.descriptor)) }];
  files.set("manifest.json", Buffer.from(JSON.stringify(manifest)));
  let tar = (0, import_tar_stream3.pack)(), chunks = [];
  tar.on("data", (c) => chunks.push(c));
  let done = new Promise((res, rej) => {
    tar.on("end", res), tar.on("error", rej);
  }), header = { mtime: new Date(epoch * 1e3), uid: 0, gid: 0, uname: "", gname: "" };
  for (let d of ["blobs/", "blobs/sha256/"]) tar.entry({ ...header, name: d, type: "directory", mode: 493 });
  for (let name of [...files.keys()].sort()) {
    let data = files.get(name);
    tar.entry({ ...header, name, type: "file", mode: 420, size: data.length }, Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }
  return tar.finalize(), await done, Buffer.concat(chunks);
}
async function writeDockerArchive(file, image, repoTags, epoch) {
  if (await exists(file) && (await stat11(file)).isDirectory())
    throw new GantryError(`docker-archive: ${file} is a folder; give a file path such as dist/image.tar`);
  let bytes = await dockerArchive(image, repoTags, epoch);
  return await writeFileAtomic(file, bytes), bytes.length;
}

// packages/image/src/pull.ts
var INDEX_TYPES = [MediaType.index, MediaType.dockerList];
function parseJson(bytes, what) {
  try {
    return JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch {
    throw new GantryError(`${what} is not valid JSON`);
  }
}
async function pullBase(ref2, platforms, client2) {
  let name = formatReference(ref2), top = await client2.getManifest(ref2.digest ?? ref2.tag ?? "latest"), isIndex = INDEX_TYPES.includes(top.mediaType) || Array.isArray(parseJson(top.bytes, name).manifests), blobs = /* @__PURE__ */ new Map(), blob = (d) => {
    let key2 = `${d.digest} ${d.size}`;
    return blobs.has(key2) || blobs.set(key2, client2.getBlob(d)), blobs.get(key2);
  }, parts = [];
  for (let platform of platforms) {
    let manifestBytes = top.bytes;
    if (isIndex) {
      let index = parseJson(top.bytes, name), entry = index.manifests.find((m) => m.platform && samePlatform(m.platform, platform));
      if (!entry) {
        let has = index.manifests.filter((m) => m.platform).map((m) => formatPlatform(m.platform));
        throw new GantryError(
          `base image ${name} has no ${formatPlatform(platform)} (it has ${has.join(", ") || "no platforms"}); pick a multi-arch base or narrow platforms`
        );
      }
      if (manifestBytes = (await client2.getManifest(entry.digest)).bytes, manifestBytes.length !== entry.size)
        throw new GantryError(`base image ${name}: manifest ${entry.digest} is ${manifestBytes.length} bytes, the index says ${entry.size}`);
    }
    let manifest = parseJson(manifestBytes, `${name} (${formatPlatform(platform)})`);
    if (!manifest.config?.digest || !Array.isArray(manifest.layers))
      throw new GantryError(`base image ${name} has a manifest gantry cannot read (no config or layers)`);
    let config = parseJson(await blob(manifest.config), `the config of ${name}`), own = { os: config.os, architecture: config.architecture, ...config.variant ? { variant: config.variant } : {} };
    if (!samePlatform(own, platform))
      throw new GantryError(`base image ${name} is ${formatPlatform(own)} only, not ${formatPlatform(platform)}; pick a multi-arch base or narrow platforms`);
    let diffIds = config.rootfs?.diff_ids ?? [];
    if (diffIds.length !== manifest.layers.length)
      throw new GantryError(`base image ${name}: its config lists ${diffIds.length} diff_ids for ${manifest.layers.length} layers`);
    let layers = await Promise.all(
      manifest.layers.map(async (d, i2) => ({
        blob: { descriptor: { mediaType: d.mediaType === MediaType.dockerLayerGzip ? MediaType.layerGzip : d.mediaType, digest: d.digest, size: d.size }, bytes: await blob(d) },
        diffId: diffIds[i2],
        uncompressedSize: 0,
        role: "base"
      }))
    );
    parts.push({ platform, config, layers });
  }
  return { ref: ref2, digest: top.digest, parts };
}

// packages/image/src/push.ts
async function pool(items, limit, fn) {
  let next = 0, workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    for (; next < items.length; ) await fn(items[next++]);
  });
  await Promise.all(workers);
}
async function pushImage(client2, image, tags, reporter) {
  let blobs = /* @__PURE__ */ new Map();
  for (let i2 of image.images) {
    for (let l of i2.layers)
      blobs.set(l.blob.descriptor.digest, { blob: l.blob, base: l.role === "base" || !!blobs.get(l.blob.descriptor.digest)?.base });
    blobs.set(i2.config.descriptor.digest, { blob: i2.config, base: !1 });
  }
  await pool([...blobs.values()], 4, async ({ blob: b, base }) => {
    let sent = await client2.pushBlob(b, base);
    reporter.debug(`${sent ? "uploaded" : "already there"}: ${b.descriptor.digest} (${b.descriptor.size} bytes)`);
  });
  for (let i2 of image.images) await client2.putManifest(i2.manifest.descriptor.digest, i2.manifest);
  tags.length === 0 && await client2.putManifest(image.index.descriptor.digest, image.index);
  for (let t of tags) await client2.putManifest(t, image.index);
  return { ...client2.stats };
}

// packages/image/src/transfer.ts
import { createHash as createHash5 } from "node:crypto";
import { constants as constants5 } from "node:buffer";
async function readBlob(res, d, what) {
  if (!d.digest.startsWith("sha256:")) throw new GantryError(`${what}: digest ${d.digest} uses an algorithm gantry does not verify (only sha256)`);
  if (!Number.isSafeInteger(d.size) || d.size < 0 || d.size > constants5.MAX_LENGTH)
    throw new GantryError(`${what}: its descriptor's size ${d.size} is not a size gantry can hold (0 to ${constants5.MAX_LENGTH} bytes)`);
  let declared = res.headers.get("content-length");
  if (declared !== null && Number(declared) !== d.size)
    throw new GantryError(`${what}: the registry announces ${declared} bytes, the descriptor says ${d.size}; refusing to use it`);
  let out = Buffer.allocUnsafe(d.size), hash = createHash5("sha256"), received = 0;
  for await (let chunk of res.body ?? []) {
    if (received + chunk.length > d.size) throw new GantryError(`${what}: the registry sent more than the descriptor's ${d.size} bytes; refusing to use it`);
    out.set(chunk, received), hash.update(chunk), received += chunk.length;
  }
  if (received !== d.size) throw new GantryError(`${what}: the registry sent ${received} of the descriptor's ${d.size} bytes; refusing to use it`);
  let actual = `sha256:${hash.digest("hex")}`;
  if (actual !== d.digest) throw new GantryError(`${what}: content has digest ${actual}, expected ${d.digest}; refusing to use it`);
  return out;
}
function uploadUrl(location, base, what) {
  let origin = new URL(base), url;
  try {
    url = new URL(location, origin);
  } catch {
    throw new GantryError(`${what} with a Location that is not a URL`);
  }
  if (url.origin !== origin.origin) {
    let how = url.protocol !== origin.protocol ? `over ${url.protocol === "http:" ? "plain HTTP" : url.protocol}` : "on another origin";
    throw new GantryError(`${what} at ${redactUrl(url)}, ${how} than ${origin.origin}; refusing to send the blob there`);
  }
  return url.toString();
}

// packages/image/src/registry.ts
var sleep = (ms) => new Promise((r) => setTimeout(r, ms)), MAX_MANIFEST = 4 * 1024 * 1024, MAX_REDIRECTS = 5, RegistryClient = class {
  constructor(registry, repository, options) {
    this.registry = registry;
    this.repository = repository;
    this.options = options;
    this.base = `${options.http ? "http" : "https"}://${apiHost(registry)}`, this.origin = new URL(this.base).origin, this.timeoutMs = options.timeoutMs ?? 6e4, this.scope = `repository:${repository}:${options.actions}`;
  }
  registry;
  repository;
  options;
  authorization;
  /** The first challenge is answered once, even when four uploads start at the same moment. */
  firstAuth;
  base;
  origin;
  timeoutMs;
  /** The token service the credentials were withheld from, for the hint when access is then denied. */
  withheldFrom;
  scope;
  /** Counters for the summary and the metadata output. */
  stats = { uploaded: 0, skipped: 0, mounted: 0, uploadedBytes: 0 };
  /** One HTTP request with retries on connection errors, 5xx and 429; a timeout is not retried. */
  async send(method, url, init = {}) {
    let delays = this.options.retryDelaysMs ?? [500, 1e3, 2e3], started = performance.now(), lastError = "";
    for (let attempt = 0; attempt <= delays.length; attempt++) {
      attempt > 0 && await sleep(delays[attempt - 1]);
      try {
        let res = await this.follow(method, new URL(url), init);
        if (res.status < 500 && res.status !== 429) return res;
        lastError = `HTTP ${res.status} ${await readErrorBody(res, 300)}`.trim();
      } catch (err2) {
        if (err2 instanceof GantryError) throw new GantryError(`registry ${this.registry}: ${err2.message}`);
        let cause = err2.cause;
        lastError = cause?.code ? `${cause.code}${cause.message ? `: ${cause.message}` : ""}` : err2.message;
      }
      attempt < delays.length && this.options.reporter.info(`registry ${this.registry}: ${method} failed (${lastError}); retrying in ${formatDuration(delays[attempt])}`);
    }
    throw new GantryError(
      `registry ${this.registry} did not answer ${method} ${new URL(url).pathname} (${lastError}) after ${delays.length + 1} attempts over ${formatDuration(performance.now() - started)}; is it up${this.options.http ? "" : ", and does it speak HTTPS (set insecure for a plain-HTTP registry on loopback)"}?`
    );
  }
  /**
   * Follows redirects itself: the Authorization header goes only to the registry's own origin
   * (a blob redirect to a CDN gets none), and an HTTPS request is never redirected to plain HTTP.
   */
  async follow(method, start, init) {
    let target = start;
    for (let hop = 0; ; hop++) {
      let headers = { "User-Agent": "gantry-image", ...init.headers };
      this.authorization && target.origin === this.origin && (headers.Authorization = this.authorization);
      let res = await fetchWithTimeout(target, { method, headers, ...init.body ? { body: init.body } : {} }, this.timeoutMs), location = res.status >= 300 && res.status < 400 ? res.headers.get("location") : null;
      if (!location) return res;
      await discardBody(res);
      let next = new URL(location, target);
      if (target.protocol === "https:" && next.protocol !== "https:")
        throw new GantryError(`${method} ${redactUrl(target)} was redirected to plain HTTP (${redactUrl(next)}); refusing to follow it`);
      if (hop >= MAX_REDIRECTS) throw new GantryError(`${method} ${redactUrl(start)} was redirected more than ${MAX_REDIRECTS} times`);
      target = next;
    }
  }
  /** Answers the registry's challenge from `GET /v2/` once: Basic, or a Bearer token for this repository's scope. */
  async authenticate(challenge) {
    let c = challenge;
    if (!c) {
      let res = await this.send("GET", `${this.base}/v2/`);
      if (await discardBody(res), res.status !== 401) return;
      if (c = parseChallenge(res.headers.get("www-authenticate")), !c) throw new GantryError(`registry ${this.registry} answered 401 without a WWW-Authenticate challenge gantry understands`);
    }
    let creds = this.options.credentials;
    if (c.scheme === "basic") {
      if (!creds) throw this.unauthorized("it asks for a username and password (Basic) and none were given");
      this.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString("base64")}`;
      let check = await this.send("GET", `${this.base}/v2/`);
      if (await discardBody(check), check.status === 401) throw this.unauthorized(`it refused the credentials from ${creds.source} (HTTP 401)`);
      return;
    }
    let scopes = [this.scope, ...this.options.mountFrom ? [`repository:${this.options.mountFrom}:pull`] : []], o = this.options, r = await bearerAuthorization({ registry: this.registry, base: new URL(this.base), challenge: c, scopes, timeoutMs: this.timeoutMs, ...o });
    if (r.withheldFrom && (this.withheldFrom = r.withheldFrom), r.denied) throw this.unauthorized(r.denied);
    this.authorization = r.authorization;
  }
  unauthorized(why) {
    let creds = this.options.credentials, hint = this.withheldFrom ? `the credentials from ${creds?.source} were not sent to its token service ${this.withheldFrom} (another origin, or plain HTTP); set auth-force: true if you trust it` : creds ? `check the credentials from ${creds.source} and that they may ${this.options.actions.replace(",", " and ")} ${this.repository}` : "set username and password, or log in (docker/login-action) first";
    return new GantryError(`registry ${this.registry} denied access to scope ${this.scope}: ${why}; ${hint}`);
  }
  /** A request with auth: authenticates first, and once more on a 401 (an expired or narrower token). */
  async request(method, path, init = {}) {
    this.firstAuth ??= this.authenticate(), await this.firstAuth;
    let url = path.startsWith("http") ? path : `${this.base}${path}`, res = await this.send(method, url, init);
    if (res.status === 401) {
      await discardBody(res);
      let hadAuth = !!this.authorization, c = parseChallenge(res.headers.get("www-authenticate"));
      if (!c || hadAuth && c.scheme === "basic") throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
      if (await this.authenticate(c), res = await this.send(method, url, init), res.status === 401) throw this.unauthorized(`HTTP 401 on ${method} ${new URL(url).pathname}`);
    }
    if (res.status === 403)
      throw await discardBody(res), this.unauthorized(`HTTP 403 on ${method} ${new URL(url).pathname}`);
    return res;
  }
  /** An unexpected answer: its status and at most a few hundred bytes of its body, as safe text. */
  async fail(res, what) {
    let text = await readErrorBody(res, 500);
    throw new GantryError(`registry ${this.registry}: ${what} failed with HTTP ${res.status}${text ? `: ${text}` : ""}`);
  }
  /** HEAD first: true when the registry already has the blob. */
  async hasBlob(digest) {
    let res = await this.request("HEAD", `/v2/${this.repository}/blobs/${digest}`);
    return res.status === 200 ? !0 : res.status === 404 ? !1 : this.fail(res, `HEAD blob ${digest}`);
  }
  /**
   * Uploads a blob unless the registry has it: POST an upload, then one PUT with `&digest=`.
   * With `mount`, asks first to mount it from the base's repository (distribution-spec
   * "Mounting a blob from another repository": 201 mounted, 202 an ordinary upload instead).
   */
  async pushBlob(blob, mount = !1) {
    let { digest, size } = blob.descriptor;
    if (await this.hasBlob(digest))
      return this.stats.skipped++, !1;
    let from = mount && this.options.mountFrom, query = from ? `?mount=${encodeURIComponent(digest)}&from=${encodeURIComponent(from)}` : "", start = await this.request("POST", `/v2/${this.repository}/blobs/uploads/${query}`, { headers: { "Content-Length": "0" } });
    if (from && start.status === 201)
      return await discardBody(start), this.stats.mounted++, !1;
    if (start.status !== 202) return this.fail(start, `starting the upload of ${digest}`);
    await discardBody(start);
    let location = start.headers.get("location");
    if (!location) throw new GantryError(`registry ${this.registry} started an upload without a Location header`);
    let url = uploadUrl(location, this.base, `registry ${this.registry} started the upload of ${digest}`), put = await this.request("PUT", `${url}${url.includes("?") ? "&" : "?"}digest=${encodeURIComponent(digest)}`, {
      headers: { "Content-Type": "application/octet-stream", "Content-Length": String(size) },
      body: blob.bytes
    });
    return put.status !== 201 ? this.fail(put, `uploading ${digest} (${size} bytes)`) : (await discardBody(put), this.stats.uploaded++, this.stats.uploadedBytes += size, !0);
  }
  /** PUT a manifest or index by digest or tag; checks the digest the registry computed. */
  async putManifest(reference, blob) {
    let res = await this.request("PUT", `/v2/${this.repository}/manifests/${reference}`, {
      headers: { "Content-Type": blob.descriptor.mediaType },
      body: blob.bytes
    });
    if (res.status !== 201 && res.status !== 200) return this.fail(res, `PUT manifest ${reference}`);
    await discardBody(res);
    let echoed = res.headers.get("docker-content-digest");
    if (echoed && echoed !== blob.descriptor.digest)
      throw new GantryError(`registry ${this.registry} stored ${reference} as ${echoed}, not ${blob.descriptor.digest}`);
  }
  /** GET a manifest or index (OCI and Docker types in Accept); verified when fetched by digest. */
  async getManifest(reference) {
    let res = await this.request("GET", `/v2/${this.repository}/manifests/${reference}`, { headers: { Accept: MANIFEST_ACCEPT } });
    if (res.status === 404)
      throw await discardBody(res), new GantryError(`${this.registry}/${this.repository}:${reference} was not found in the registry`);
    if (!res.ok) return this.fail(res, `GET manifest ${reference}`);
    let bytes = await this.readBody(res, () => readBodyLimited(res, MAX_MANIFEST, `manifest ${reference} of ${this.registry}/${this.repository}`)), digest = digestOf(bytes);
    reference.startsWith("sha256:") && verifyDigest(bytes, reference, `${this.registry}/${this.repository}@${reference}`);
    let mediaType = (res.headers.get("content-type") ?? "").split(";")[0]?.trim() ?? "";
    if (!mediaType || mediaType === "application/json")
      try {
        mediaType = JSON.parse(Buffer.from(bytes).toString("utf8")).mediaType ?? "";
      } catch {
      }
    return { mediaType, bytes, digest };
  }
  /**
   * GET a blob, streamed and checked as it arrives against its descriptor: more bytes than its
   * size fail at once, fewer or other bytes fail at the end, each naming the digest.
   */
  async getBlob(descriptor) {
    let { digest } = descriptor, res = await this.request("GET", `/v2/${this.repository}/blobs/${digest}`);
    return res.ok ? this.readBody(res, () => readBlob(res, descriptor, `blob ${digest} of ${this.registry}/${this.repository}`)) : this.fail(res, `GET blob ${digest}`);
  }
  /** Reads a body; a stalled one fails naming the registry. */
  async readBody(res, read) {
    try {
      return await read();
    } catch (err2) {
      throw await discardBody(res), err2 instanceof HttpTimeoutError ? new GantryError(`registry ${this.registry}: ${err2.message}`) : err2;
    }
  }
};

// packages/image/src/image.ts
async function onDefaultBranch(env) {
  let ref2 = env.GITHUB_REF ?? "";
  if (!ref2.startsWith("refs/heads/") || !env.GITHUB_EVENT_PATH) return !1;
  try {
    return JSON.parse(await readFile15(env.GITHUB_EVENT_PATH, "utf8")).repository?.default_branch === ref2.slice(11);
  } catch {
    return !1;
  }
}
async function resolveTags(inputs, set, env) {
  if (inputs.tags.length > 0) return [...new Set(inputs.tags)];
  let tags = set ? [sanitizeTag(set.version)] : [];
  return await onDefaultBranch(env) && tags.push("latest"), [...new Set(tags)];
}
function defaultLabels(set, env) {
  let labels = {};
  env.GITHUB_REPOSITORY && (labels["org.opencontainers.image.source"] = `${env.GITHUB_SERVER_URL || "https://github.com"}/${env.GITHUB_REPOSITORY}`);
  let revision = set?.commit && set.commit !== "none" ? set.commit : env.GITHUB_SHA;
  return revision && (labels["org.opencontainers.image.revision"] = revision), set && (labels["org.opencontainers.image.version"] = set.version, labels["org.opencontainers.image.created"] = set.date), labels;
}
async function credentialsFor(registry, inputs, ctx) {
  if (inputs.username && (!inputs.repository || inputs.repository.registry === registry))
    return { username: inputs.username, password: inputs.password, source: "the username and password inputs" };
  let found = await dockerConfigCredentials(registry, ctx.env);
  return found && ctx.reporter.mask(found.password), found;
}
async function client(ref2, actions, inputs, ctx) {
  let base = inputs.base === "scratch" ? void 0 : inputs.base, mountFrom = actions === "pull,push" && base?.registry === ref2.registry && base.repository !== ref2.repository ? base.repository : void 0;
  return new RegistryClient(ref2.registry, ref2.repository, {
    http: usesHttp(inputs, ref2.registry),
    authForce: inputs.authForce,
    credentials: await credentialsFor(ref2.registry, inputs, ctx),
    actions,
    reporter: ctx.reporter,
    ...mountFrom ? { mountFrom } : {}
  });
}
async function extraEntries(inputs) {
  let entries = [], add = async (source, dest, mode, spec) => {
    let s = await stat12(source).catch(() => {
    });
    if (!s) throw new InputError("files", spec, `${source} does not exist`);
    if (s.isDirectory())
      for (let name of (await readdir7(source)).sort()) await add(join26(source, name), `${dest}/${name}`, mode, spec);
    else s.isFile() && entries.push({ path: dest, mode: mode ?? (s.mode & 73 ? 493 : 420), data: await readFile15(source) });
  };
  for (let f of inputs.files) await add(f.source, f.dest, f.mode, `${f.source}:/${f.dest}`);
  return entries;
}
async function ociImages(inputs, set, labels, ctx, cache) {
  let binaries = await selectBinaries(set, inputs.platforms), platforms = binaries.map((b) => b.platform), shared = [], base;
  if (inputs.base === "scratch") {
    let ca;
    if (inputs.caCertificates) {
      let { CA_BUNDLE_PEM, CA_BUNDLE_SOURCE } = await import("./cabundle-HPV4FA35.js");
      ca = Buffer.from(CA_BUNDLE_PEM), ctx.reporter.info(`ca-certificates: ${CA_BUNDLE_SOURCE.name}, ${CA_BUNDLE_SOURCE.date}, ${CA_BUNDLE_SOURCE.certificates} roots`);
    }
    shared.push(await buildLayer(scratchEntries(inputs.user, ca), set.epoch, ca ? "ca-certificates" : "accounts", cache));
  } else
    ctx.reporter.info(`pulling base ${formatReference(inputs.base)} for ${platforms.map(formatPlatform).join(", ")}`), base = await pullBase(inputs.base, platforms, await client(inputs.base, "pull", inputs, ctx)), inputs.base.digest || ctx.reporter.notice(`base ${formatReference(inputs.base)} is not pinned by digest; pin it (@${base.digest}) for reproducible images`);
  let files = await extraEntries(inputs);
  files.length > 0 && shared.push(await buildLayer(files, set.epoch, "files", cache));
  let spec = {
    name: binaries[0]?.artifact.name || set.project,
    created: set.date,
    epoch: set.epoch,
    user: inputs.user,
    entrypoint: inputs.entrypoint,
    cmd: inputs.cmd,
    env: inputs.env,
    ports: inputs.ports,
    workdir: inputs.workdir,
    labels,
    annotations: inputs.annotations,
    sharedLayers: shared,
    ...base ? { base: { name: formatReference({ ...base.ref, digest: void 0 }), digest: base.digest } } : {}
  };
  return { images: await Promise.all(binaries.map((b, i2) => assemblePlatform(spec, b.platform, b.data, base?.parts[i2], cache))), base };
}
function archivePlatform(image, wanted) {
  let have = image.images.map((i2) => formatPlatform(i2.platform)).join(", ");
  if (wanted) {
    let found2 = image.images.find((i2) => samePlatform(i2.platform, wanted));
    if (!found2) throw new InputError("load-platform", formatPlatform(wanted), `the image has ${have}`);
    return found2;
  }
  let host = platformOfTarget(hostTarget()), found = image.images.find((i2) => samePlatform(i2.platform, host)) ?? (image.images.length === 1 ? image.images[0] : void 0);
  if (!found) throw new InputError("load-platform", "", `the runner is ${formatPlatform(host)}, which the image does not have (it has ${have}); choose one`);
  return found;
}
async function buildImage(inputs, ctx) {
  let { reporter, env } = ctx, cache = diskLayerCache(env), set;
  (inputs.engine === "oci" || await exists(resolve13(inputs.cwd, inputs.manifest))) && (set = await loadBuildSet(await findManifests(inputs.manifest, inputs.cwd), inputs.cwd));
  let tags = await resolveTags(inputs, set, env), labels = { ...defaultLabels(set, env), ...inputs.labels }, images, base = "scratch", dockerId;
  if (inputs.engine === "docker") {
    if (inputs.platforms.length > 1 || inputs.platforms[0] && !samePlatform(inputs.platforms[0], platformOfTarget(hostTarget())))
      throw new InputError(
        "platforms",
        inputs.platforms.map(formatPlatform).join(","),
        "engine: docker builds the daemon's own platform only (no QEMU emulation); use engine: oci for several platforms"
      );
    let built = await dockerBuild({
      dockerfile: inputs.dockerfile,
      context: inputs.context,
      buildArgs: inputs.buildArgs,
      target: inputs.target,
      labels,
      annotations: inputs.annotations,
      env,
      reporter,
      cache
    });
    images = [built.image], dockerId = built.id, base = `Dockerfile ${inputs.dockerfile}`;
  } else {
    let r = await ociImages(inputs, set, labels, ctx, cache);
    images = r.images, r.base && (base = `${formatReference({ ...r.base.ref, digest: void 0 })}@${r.base.digest}`);
  }
  let image = assembleIndex(images, inputs.annotations), repository = inputs.repository ? formatReference(inputs.repository) : "", digest = image.index.descriptor.digest, result = { image, engine: inputs.engine, repository, tags, digest, reference: repository ? `${repository}@${digest}` : digest, base }, localName = repository || sanitizeTag(set?.project ?? "image").toLowerCase(), repoTags = (tags.length > 0 ? tags : ["latest"]).map((t) => `${localName}:${t}`);
  if (inputs.ociLayout && (await writeOciLayout(inputs.ociLayout, image, tags), result.ociLayout = inputs.ociLayout, reporter.info(`oci-layout: wrote ${inputs.ociLayout} (${image.blobs.size} blobs)`)), inputs.dockerArchive || inputs.load) {
    let chosen = archivePlatform(image, inputs.loadPlatform), daemon = inputs.load ? await dockerServerVersion(env) : void 0;
    inputs.load && !daemon && reporter.warning("load: no Docker daemon answers (docker version failed); the image was not loaded");
    let path = inputs.dockerArchive || join26(env.RUNNER_TEMP || tmpdir4(), `gantry-image-${process.pid}.tar`);
    if (inputs.dockerArchive || daemon) {
      let size = await writeDockerArchive(path, chosen, repoTags, set?.epoch ?? 0);
      inputs.dockerArchive && (result.dockerArchive = { path, platform: formatPlatform(chosen.platform), size }), daemon && dockerId ? (await dockerTag(dockerId, repoTags, env), result.loaded = repoTags) : daemon && (result.loaded = await dockerLoad(path, env), reporter.info(`load: docker ${daemon} loaded ${result.loaded.join(", ")} (${formatPlatform(chosen.platform)})`)), inputs.dockerArchive || await rm11(path, { force: !0 });
    }
  } else dockerId && repoTags.length > 0 && await dockerTag(dockerId, repoTags, env);
  if (inputs.push && inputs.repository) {
    let c = await client(inputs.repository, "pull,push", inputs, ctx);
    result.push = await pushImage(c, image, tags, reporter);
    let mounted = result.push.mounted > 0 ? `, ${result.push.mounted} mounted from the base` : "";
    reporter.info(
      `push: ${repository} ${tags.join(", ") || "(by digest)"}: ${result.push.uploaded} blob(s) uploaded, ${result.push.skipped} already there${mounted}`
    );
  }
  return !inputs.ociLayout && !inputs.dockerArchive && !inputs.load && !inputs.push && inputs.engine === "oci" && reporter.notice("no output asked for (push, oci-layout, docker-archive, load): the image was assembled and its digest computed only"), result;
}

// packages/image/src/stage.ts
function imageMetadata(r) {
  let platforms = {};
  for (let i2 of r.image.images) {
    let size = i2.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i2.config.descriptor.size + i2.manifest.descriptor.size;
    platforms[formatPlatform(i2.platform)] = {
      digest: i2.manifest.descriptor.digest,
      config: i2.config.descriptor.digest,
      size,
      layers: i2.layers.map((l) => ({
        role: l.role,
        digest: l.blob.descriptor.digest,
        size: l.blob.descriptor.size,
        "diff-id": l.diffId,
        "uncompressed-size": l.uncompressedSize
      }))
    };
  }
  return {
    digest: r.digest,
    "media-type": r.image.index.descriptor.mediaType,
    size: r.image.index.descriptor.size,
    repository: r.repository,
    tags: r.tags,
    engine: r.engine,
    base: r.base,
    platforms,
    ...r.push ? { push: { uploaded: r.push.uploaded, skipped: r.push.skipped, mounted: r.push.mounted, "uploaded-bytes": r.push.uploadedBytes } } : {},
    ...r.ociLayout ? { "oci-layout": r.ociLayout } : {},
    ...r.dockerArchive ? { "docker-archive": r.dockerArchive } : {},
    ...r.loaded ? { loaded: r.loaded } : {}
  };
}
function imageSummary(r) {
  let rows = r.image.images.map((i2) => [
    `\`${formatPlatform(i2.platform)}\``,
    `\`${i2.manifest.descriptor.digest.slice(0, 19)}\``,
    formatBytes(i2.layers.reduce((s, l) => s + l.blob.descriptor.size, 0) + i2.config.descriptor.size),
    i2.layers.map((l) => `${l.role} ${formatBytes(l.blob.descriptor.size)}`).join(" · ")
  ]), where2 = [
    r.push ? `pushed (${r.push.uploaded} blob(s) uploaded, ${r.push.skipped} already there${r.push.mounted ? `, ${r.push.mounted} mounted` : ""})` : "",
    r.ociLayout ? `OCI layout \`${r.ociLayout}\`` : "",
    r.dockerArchive ? `docker archive \`${r.dockerArchive.path}\` (${r.dockerArchive.platform})` : "",
    r.loaded ? `loaded into docker as ${r.loaded.map((n) => `\`${n}\``).join(", ")}` : ""
  ].filter(Boolean);
  return [
    `### image: ${r.repository ? `\`${r.reference}\`` : `\`${r.digest}\``}`,
    "",
    `digest \`${r.digest}\` · tags ${r.tags.map((t) => `\`${t}\``).join(", ") || "none"} · base ${r.base} · engine ${r.engine}`,
    "",
    where2.length > 0 ? `${where2.join(" · ")}
` : "",
    table(["Platform", "Manifest", "Size (compressed)", "Layers"], rows),
    ""
  ].join(`
`);
}
function setImageOutputs(r, ctx) {
  ctx.setOutput("digest", r.digest), ctx.setOutput("image", r.reference), ctx.setOutput("platforms", Object.fromEntries(r.image.images.map((i2) => [formatPlatform(i2.platform), i2.manifest.descriptor.digest]))), ctx.setOutput("tags", r.tags.join(",")), ctx.setOutput("metadata", imageMetadata(r));
}
var imageStage = {
  name: "image",
  description: "Assemble multi-arch OCI images from go-build's binaries without a daemon, and push them.",
  inputs: IMAGE_INPUTS,
  secrets: ["password"],
  parse: (read, ctx) => parseImageInputs(read, ctx.cwd),
  async run(inputs, ctx) {
    let started = performance.now(), r = await buildImage(inputs, ctx);
    ctx.reporter.debug(`image timing: ${Math.round(performance.now() - started)} ms in the stage`), setImageOutputs(r, ctx), ctx.summary(imageSummary(r)), ctx.reporter.info(`image: ${r.reference}`);
  }
};

// packages/pipeline/src/registry.ts
var STAGES = {
  deploy: deployStage,
  "go-build": goBuildStage,
  "go-test": goTestStage,
  image: imageStage,
  slim: slimStage
};

// packages/pipeline/src/pipeline.ts
import { join as join27 } from "node:path";

// packages/pipeline/stages.json
var stages_default = { stages: ["go-build", "slim", "image"] };

// packages/pipeline/src/pipeline.ts
var PIPELINE = stages_default.stages.filter((s) => s in STAGES);
function inputPrefix(stage) {
  return stage === "go-build" ? "" : `${stage}-`;
}
function pipelineInputTable() {
  let table2 = { stages: PIPELINE.join(",") };
  for (let name of PIPELINE)
    for (let [input, value] of Object.entries(STAGES[name].inputs))
      name !== "go-build" && input === "manifest" || (table2[`${inputPrefix(name)}${input}`] = value);
  return table2;
}
function rootInputError(err2, stage, rootInputs) {
  let prefix = inputPrefix(stage);
  return !(err2 instanceof InputError) || !prefix || !(`${prefix}${err2.input}` in rootInputs) ? err2 : new InputError(`${prefix}${err2.input}`, err2.value, err2.accepted);
}
async function asRootInput(stage, step) {
  try {
    return await step();
  } catch (err2) {
    throw rootInputError(err2, stage, pipelineStage.inputs);
  }
}
function scopedContext(ctx, stage) {
  let prefix = inputPrefix(stage);
  return { ...ctx, state: { get: (k) => ctx.state.get(`${stage}:${k}`), set: (k, v) => ctx.state.set(`${stage}:${k}`, v) }, setOutput: (n, v) => ctx.setOutput(`${prefix}${n}`, v) };
}
var pipelineStage = {
  name: "pipeline",
  description: "Run go-build, slim and image in one step, passing the manifest along.",
  inputs: pipelineInputTable(),
  get secrets() {
    return PIPELINE.flatMap((s) => (STAGES[s].secrets ?? []).map((n) => `${inputPrefix(s)}${n}`));
  },
  async parse(read, ctx) {
    let wanted = read.list("stages");
    for (let s of wanted)
      if (!PIPELINE.includes(s)) throw new InputError("stages", s, `accepted: ${PIPELINE.join(", ")}`);
    let chosen = PIPELINE.filter((s) => wanted.includes(s)), steps = [], manifest = "";
    for (let name of chosen) {
      let stage = STAGES[name], fixed = name !== "go-build" && manifest ? { manifest } : {}, inputs = await asRootInput(name, async () => stage.parse(read.scoped(inputPrefix(name), stage.inputs, fixed), ctx));
      name === "go-build" && (manifest = join27(inputs.outDir, MANIFEST_FILE)), steps.push({ name, inputs });
    }
    return { steps };
  },
  async run({ steps }, ctx) {
    ctx.state.set(StateKey.PipelineSteps, steps.map((s) => s.name).join(","));
    for (let step of steps) {
      let stage = STAGES[step.name];
      await ctx.reporter.group(`gantry ${step.name}`, () => asRootInput(step.name, () => stage.run(step.inputs, scopedContext(ctx, step.name))));
    }
  },
  async post(ctx) {
    for (let name of splitList(ctx.state.get(StateKey.PipelineSteps)))
      await STAGES[name].post?.(scopedContext(ctx, name));
  }
};

export {
  STAGES,
  pipelineStage
};
