import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  HttpClient
} from "./chunk-H4BMFTLY.js";
import {
  require_semver
} from "./chunk-UWKJJFBU.js";
import {
  cp,
  debug,
  exec,
  info,
  isDebug,
  mkdirP,
  rmRF,
  which
} from "./chunk-3VH2S33U.js";
import {
  __toESM
} from "./chunk-6LYVYBIT.js";

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as crypto from "crypto";
import * as fs2 from "fs";

// node_modules/@actions/tool-cache/lib/manifest.js
var semver = __toESM(require_semver(), 1);
import * as os from "os";
import * as cp2 from "child_process";
import * as fs from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator.throw(value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
}, _internal = {
  readLinuxVersionFile() {
    let lsbReleaseFile = "/etc/lsb-release", osReleaseFile = "/etc/os-release", contents = "";
    return fs.existsSync(lsbReleaseFile) ? contents = fs.readFileSync(lsbReleaseFile).toString() : fs.existsSync(osReleaseFile) && (contents = fs.readFileSync(osReleaseFile).toString()), contents;
  }
};
function _findMatch(versionSpec, stable, candidates, archFilter) {
  return __awaiter(this, void 0, void 0, function* () {
    let platFilter = os.platform(), result, match, file;
    for (let candidate of candidates) {
      let version = candidate.version;
      if (debug(`check ${version} satisfies ${versionSpec}`), semver.satisfies(version, versionSpec) && (!stable || candidate.stable === stable) && (file = candidate.files.find((item) => {
        debug(`${item.arch}===${archFilter} && ${item.platform}===${platFilter}`);
        let chk = item.arch === archFilter && item.platform === platFilter;
        if (chk && item.platform_version) {
          let osVersion = _getOsVersion();
          osVersion === item.platform_version ? chk = !0 : chk = semver.satisfies(osVersion, item.platform_version);
        }
        return chk;
      }), file)) {
        debug(`matched ${candidate.version}`), match = candidate;
        break;
      }
    }
    return match && file && (result = Object.assign({}, match), result.files = [file]), result;
  });
}
function _getOsVersion() {
  let plat = os.platform(), version = "";
  if (plat === "darwin")
    version = cp2.execSync("sw_vers -productVersion").toString();
  else if (plat === "linux") {
    let lsbContents = _internal.readLinuxVersionFile();
    if (lsbContents) {
      let lines = lsbContents.split(`
`);
      for (let line of lines) {
        let parts = line.split("=");
        if (parts.length === 2 && (parts[0].trim() === "VERSION_ID" || parts[0].trim() === "DISTRIB_RELEASE")) {
          version = parts[1].trim().replace(/^"/, "").replace(/"$/, "");
          break;
        }
      }
    }
  }
  return version;
}

// node_modules/@actions/tool-cache/lib/tool-cache.js
import * as os2 from "os";
import * as path from "path";
var semver2 = __toESM(require_semver(), 1);
import * as stream from "stream";
import * as util from "util";
import { ok } from "assert";

// node_modules/@actions/tool-cache/lib/retry-helper.js
var __awaiter2 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator.throw(value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
}, RetryHelper = class {
  constructor(maxAttempts, minSeconds, maxSeconds) {
    if (maxAttempts < 1)
      throw new Error("max attempts should be greater than or equal to 1");
    if (this.maxAttempts = maxAttempts, this.minSeconds = Math.floor(minSeconds), this.maxSeconds = Math.floor(maxSeconds), this.minSeconds > this.maxSeconds)
      throw new Error("min seconds should be less than or equal to max seconds");
  }
  execute(action, isRetryable) {
    return __awaiter2(this, void 0, void 0, function* () {
      let attempt = 1;
      for (; attempt < this.maxAttempts; ) {
        try {
          return yield action();
        } catch (err) {
          if (isRetryable && !isRetryable(err))
            throw err;
          info(err.message);
        }
        let seconds = this.getSleepAmount();
        info(`Waiting ${seconds} seconds before trying again`), yield this.sleep(seconds), attempt++;
      }
      return yield action();
    });
  }
  getSleepAmount() {
    return Math.floor(Math.random() * (this.maxSeconds - this.minSeconds + 1)) + this.minSeconds;
  }
  sleep(seconds) {
    return __awaiter2(this, void 0, void 0, function* () {
      return new Promise((resolve) => setTimeout(resolve, seconds * 1e3));
    });
  }
};

// node_modules/@actions/tool-cache/lib/tool-cache.js
var __awaiter3 = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator.throw(value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
}, HTTPError = class extends Error {
  constructor(httpStatusCode) {
    super(`Unexpected HTTP response: ${httpStatusCode}`), this.httpStatusCode = httpStatusCode, Object.setPrototypeOf(this, new.target.prototype);
  }
}, IS_WINDOWS = process.platform === "win32", IS_MAC = process.platform === "darwin", userAgent = "actions/tool-cache";
function downloadTool(url, dest, auth, headers) {
  return __awaiter3(this, void 0, void 0, function* () {
    dest = dest || path.join(_getTempDirectory(), crypto.randomUUID()), yield mkdirP(path.dirname(dest)), debug(`Downloading ${url}`), debug(`Destination ${dest}`);
    let maxAttempts = 3, minSeconds = _getGlobal("TEST_DOWNLOAD_TOOL_RETRY_MIN_SECONDS", 10), maxSeconds = _getGlobal("TEST_DOWNLOAD_TOOL_RETRY_MAX_SECONDS", 20);
    return yield new RetryHelper(maxAttempts, minSeconds, maxSeconds).execute(() => __awaiter3(this, void 0, void 0, function* () {
      return yield downloadToolAttempt(url, dest || "", auth, headers);
    }), (err) => !(err instanceof HTTPError && err.httpStatusCode && err.httpStatusCode < 500 && err.httpStatusCode !== 408 && err.httpStatusCode !== 429));
  });
}
function downloadToolAttempt(url, dest, auth, headers) {
  return __awaiter3(this, void 0, void 0, function* () {
    if (fs2.existsSync(dest))
      throw new Error(`Destination file path ${dest} already exists`);
    let http = new HttpClient(userAgent, [], {
      allowRetries: !1
    });
    auth && (debug("set auth"), headers === void 0 && (headers = {}), headers.authorization = auth);
    let response = yield http.get(url, headers);
    if (response.message.statusCode !== 200) {
      let err = new HTTPError(response.message.statusCode);
      throw debug(`Failed to download from "${url}". Code(${response.message.statusCode}) Message(${response.message.statusMessage})`), err;
    }
    let pipeline2 = util.promisify(stream.pipeline), readStream = _getGlobal("TEST_DOWNLOAD_TOOL_RESPONSE_MESSAGE_FACTORY", () => response.message)(), succeeded = !1;
    try {
      return yield pipeline2(readStream, fs2.createWriteStream(dest)), debug("download complete"), succeeded = !0, dest;
    } finally {
      if (!succeeded) {
        debug("download failed");
        try {
          yield rmRF(dest);
        } catch (err) {
          debug(`Failed to delete '${dest}'. ${err.message}`);
        }
      }
    }
  });
}
function extract7z(file, dest, _7zPath) {
  return __awaiter3(this, void 0, void 0, function* () {
    ok(IS_WINDOWS, "extract7z() not supported on current OS"), ok(file, 'parameter "file" is required'), dest = yield _createExtractFolder(dest);
    let originalCwd = process.cwd();
    if (process.chdir(dest), _7zPath)
      try {
        let args = [
          "x",
          isDebug() ? "-bb1" : "-bb0",
          // -bb[0-3] : set output log level
          "-bd",
          // disable progress indicator
          "-sccUTF-8",
          // set charset for for console input/output
          file
        ], options = {
          silent: !0
        };
        yield exec(`"${_7zPath}"`, args, options);
      } finally {
        process.chdir(originalCwd);
      }
    else {
      let escapedScript = path.join(__dirname, "..", "scripts", "Invoke-7zdec.ps1").replace(/'/g, "''").replace(/"|\n|\r/g, ""), escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, ""), escapedTarget = dest.replace(/'/g, "''").replace(/"|\n|\r/g, ""), args = [
        "-NoLogo",
        "-Sta",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        `& '${escapedScript}' -Source '${escapedFile}' -Target '${escapedTarget}'`
      ], options = {
        silent: !0
      };
      try {
        let powershellPath = yield which("powershell", !0);
        yield exec(`"${powershellPath}"`, args, options);
      } finally {
        process.chdir(originalCwd);
      }
    }
    return dest;
  });
}
function extractTar(file_1, dest_1) {
  return __awaiter3(this, arguments, void 0, function* (file, dest, flags = "xz") {
    if (!file)
      throw new Error("parameter 'file' is required");
    dest = yield _createExtractFolder(dest), debug("Checking tar --version");
    let versionOutput = "";
    yield exec("tar --version", [], {
      ignoreReturnCode: !0,
      silent: !0,
      listeners: {
        stdout: (data) => versionOutput += data.toString(),
        stderr: (data) => versionOutput += data.toString()
      }
    }), debug(versionOutput.trim());
    let isGnuTar = versionOutput.toUpperCase().includes("GNU TAR"), args;
    flags instanceof Array ? args = flags : args = [flags], isDebug() && !flags.includes("v") && args.push("-v");
    let destArg = dest, fileArg = file;
    return IS_WINDOWS && isGnuTar && (args.push("--force-local"), destArg = dest.replace(/\\/g, "/"), fileArg = file.replace(/\\/g, "/")), isGnuTar && (args.push("--warning=no-unknown-keyword"), args.push("--overwrite")), args.push("-C", destArg, "-f", fileArg), yield exec("tar", args), dest;
  });
}
function extractXar(file_1, dest_1) {
  return __awaiter3(this, arguments, void 0, function* (file, dest, flags = []) {
    ok(IS_MAC, "extractXar() not supported on current OS"), ok(file, 'parameter "file" is required'), dest = yield _createExtractFolder(dest);
    let args;
    flags instanceof Array ? args = flags : args = [flags], args.push("-x", "-C", dest, "-f", file), isDebug() && args.push("-v");
    let xarPath = yield which("xar", !0);
    return yield exec(`"${xarPath}"`, _unique(args)), dest;
  });
}
function extractZip(file, dest) {
  return __awaiter3(this, void 0, void 0, function* () {
    if (!file)
      throw new Error("parameter 'file' is required");
    return dest = yield _createExtractFolder(dest), IS_WINDOWS ? yield extractZipWin(file, dest) : yield extractZipNix(file, dest), dest;
  });
}
function extractZipWin(file, dest) {
  return __awaiter3(this, void 0, void 0, function* () {
    let escapedFile = file.replace(/'/g, "''").replace(/"|\n|\r/g, ""), escapedDest = dest.replace(/'/g, "''").replace(/"|\n|\r/g, ""), pwshPath = yield which("pwsh", !1);
    if (pwshPath) {
      let args = [
        "-NoLogo",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        [
          "$ErrorActionPreference = 'Stop' ;",
          "try { Add-Type -AssemblyName System.IO.Compression.ZipFile } catch { } ;",
          `try { [System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`,
          `catch { if (($_.Exception.GetType().FullName -eq 'System.Management.Automation.MethodException') -or ($_.Exception.GetType().FullName -eq 'System.Management.Automation.RuntimeException') ){ Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force } else { throw $_ } } ;`
        ].join(" ")
      ];
      debug(`Using pwsh at path: ${pwshPath}`), yield exec(`"${pwshPath}"`, args);
    } else {
      let args = [
        "-NoLogo",
        "-Sta",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Unrestricted",
        "-Command",
        [
          "$ErrorActionPreference = 'Stop' ;",
          "try { Add-Type -AssemblyName System.IO.Compression.FileSystem } catch { } ;",
          `if ((Get-Command -Name Expand-Archive -Module Microsoft.PowerShell.Archive -ErrorAction Ignore)) { Expand-Archive -LiteralPath '${escapedFile}' -DestinationPath '${escapedDest}' -Force }`,
          `else {[System.IO.Compression.ZipFile]::ExtractToDirectory('${escapedFile}', '${escapedDest}', $true) }`
        ].join(" ")
      ], powershellPath = yield which("powershell", !0);
      debug(`Using powershell at path: ${powershellPath}`), yield exec(`"${powershellPath}"`, args);
    }
  });
}
function extractZipNix(file, dest) {
  return __awaiter3(this, void 0, void 0, function* () {
    let unzipPath = yield which("unzip", !0), args = [file];
    isDebug() || args.unshift("-q"), args.unshift("-o"), yield exec(`"${unzipPath}"`, args, { cwd: dest });
  });
}
function cacheDir(sourceDir, tool, version, arch2) {
  return __awaiter3(this, void 0, void 0, function* () {
    if (version = semver2.clean(version) || version, arch2 = arch2 || os2.arch(), debug(`Caching tool ${tool} ${version} ${arch2}`), debug(`source dir: ${sourceDir}`), !fs2.statSync(sourceDir).isDirectory())
      throw new Error("sourceDir is not a directory");
    let destPath = yield _createToolPath(tool, version, arch2);
    for (let itemName of fs2.readdirSync(sourceDir)) {
      let s = path.join(sourceDir, itemName);
      yield cp(s, destPath, { recursive: !0 });
    }
    return _completeToolPath(tool, version, arch2), destPath;
  });
}
function cacheFile(sourceFile, targetFile, tool, version, arch2) {
  return __awaiter3(this, void 0, void 0, function* () {
    if (version = semver2.clean(version) || version, arch2 = arch2 || os2.arch(), debug(`Caching tool ${tool} ${version} ${arch2}`), debug(`source file: ${sourceFile}`), !fs2.statSync(sourceFile).isFile())
      throw new Error("sourceFile is not a file");
    let destFolder = yield _createToolPath(tool, version, arch2), destPath = path.join(destFolder, targetFile);
    return debug(`destination file ${destPath}`), yield cp(sourceFile, destPath), _completeToolPath(tool, version, arch2), destFolder;
  });
}
function find(toolName, versionSpec, arch2) {
  if (!toolName)
    throw new Error("toolName parameter is required");
  if (!versionSpec)
    throw new Error("versionSpec parameter is required");
  if (arch2 = arch2 || os2.arch(), !isExplicitVersion(versionSpec)) {
    let localVersions = findAllVersions(toolName, arch2);
    versionSpec = evaluateVersions(localVersions, versionSpec);
  }
  let toolPath = "";
  if (versionSpec) {
    versionSpec = semver2.clean(versionSpec) || "";
    let cachePath = path.join(_getCacheDirectory(), toolName, versionSpec, arch2);
    debug(`checking cache: ${cachePath}`), fs2.existsSync(cachePath) && fs2.existsSync(`${cachePath}.complete`) ? (debug(`Found tool in cache ${toolName} ${versionSpec} ${arch2}`), toolPath = cachePath) : debug("not found");
  }
  return toolPath;
}
function findAllVersions(toolName, arch2) {
  let versions = [];
  arch2 = arch2 || os2.arch();
  let toolPath = path.join(_getCacheDirectory(), toolName);
  if (fs2.existsSync(toolPath)) {
    let children = fs2.readdirSync(toolPath);
    for (let child of children)
      if (isExplicitVersion(child)) {
        let fullPath = path.join(toolPath, child, arch2 || "");
        fs2.existsSync(fullPath) && fs2.existsSync(`${fullPath}.complete`) && versions.push(child);
      }
  }
  return versions;
}
function getManifestFromRepo(owner_1, repo_1, auth_1) {
  return __awaiter3(this, arguments, void 0, function* (owner, repo, auth, branch = "master") {
    let releases = [], treeUrl = `https://api.github.com/repos/${owner}/${repo}/git/trees/${branch}`, http = new HttpClient("tool-cache"), headers = {};
    auth && (debug("set auth"), headers.authorization = auth);
    let response = yield http.getJson(treeUrl, headers);
    if (!response.result)
      return releases;
    let manifestUrl = "";
    for (let item of response.result.tree)
      if (item.path === "versions-manifest.json") {
        manifestUrl = item.url;
        break;
      }
    headers.accept = "application/vnd.github.VERSION.raw";
    let versionsRaw = yield (yield http.get(manifestUrl, headers)).readBody();
    if (versionsRaw) {
      versionsRaw = versionsRaw.replace(/^\uFEFF/, "");
      try {
        releases = JSON.parse(versionsRaw);
      } catch {
        debug("Invalid json");
      }
    }
    return releases;
  });
}
function findFromManifest(versionSpec_1, stable_1, manifest_1) {
  return __awaiter3(this, arguments, void 0, function* (versionSpec, stable, manifest, archFilter = os2.arch()) {
    return yield _findMatch(versionSpec, stable, manifest, archFilter);
  });
}
function _createExtractFolder(dest) {
  return __awaiter3(this, void 0, void 0, function* () {
    return dest || (dest = path.join(_getTempDirectory(), crypto.randomUUID())), yield mkdirP(dest), dest;
  });
}
function _createToolPath(tool, version, arch2) {
  return __awaiter3(this, void 0, void 0, function* () {
    let folderPath = path.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "");
    debug(`destination ${folderPath}`);
    let markerPath = `${folderPath}.complete`;
    return yield rmRF(folderPath), yield rmRF(markerPath), yield mkdirP(folderPath), folderPath;
  });
}
function _completeToolPath(tool, version, arch2) {
  let markerPath = `${path.join(_getCacheDirectory(), tool, semver2.clean(version) || version, arch2 || "")}.complete`;
  fs2.writeFileSync(markerPath, ""), debug("finished caching tool");
}
function isExplicitVersion(versionSpec) {
  let c = semver2.clean(versionSpec) || "";
  debug(`isExplicit: ${c}`);
  let valid2 = semver2.valid(c) != null;
  return debug(`explicit? ${valid2}`), valid2;
}
function evaluateVersions(versions, versionSpec) {
  let version = "";
  debug(`evaluating ${versions.length} versions`), versions = versions.sort((a, b) => semver2.gt(a, b) ? 1 : -1);
  for (let i = versions.length - 1; i >= 0; i--) {
    let potential = versions[i];
    if (semver2.satisfies(potential, versionSpec)) {
      version = potential;
      break;
    }
  }
  return version ? debug(`matched: ${version}`) : debug("match not found"), version;
}
function _getCacheDirectory() {
  let cacheDirectory = process.env.RUNNER_TOOL_CACHE || "";
  return ok(cacheDirectory, "Expected RUNNER_TOOL_CACHE to be defined"), cacheDirectory;
}
function _getTempDirectory() {
  let tempDirectory = process.env.RUNNER_TEMP || "";
  return ok(tempDirectory, "Expected RUNNER_TEMP to be defined"), tempDirectory;
}
function _getGlobal(key, defaultValue) {
  let value = global[key];
  return value !== void 0 ? value : defaultValue;
}
function _unique(values) {
  return Array.from(new Set(values));
}
export {
  HTTPError,
  cacheDir,
  cacheFile,
  downloadTool,
  evaluateVersions,
  extract7z,
  extractTar,
  extractXar,
  extractZip,
  find,
  findAllVersions,
  findFromManifest,
  getManifestFromRepo,
  isExplicitVersion
};
