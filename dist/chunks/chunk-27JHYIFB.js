import { createRequire as __gantryRequire } from 'node:module'; const require = __gantryRequire(import.meta.url);
import {
  require_dist
} from "./chunk-JDGM7RT4.js";
import {
  require_semver
} from "./chunk-UWKJJFBU.js";
import {
  gunzipSync,
  inflateSync,
  zip
} from "./chunk-CERUWQNN.js";
import {
  ExecError,
  GANTRY_VERSION,
  GantryError,
  InputError,
  InputReader,
  MANIFEST_FILE,
  PROVENANCE_FILE,
  SBOM_SUFFIXES,
  SLSA_PROVENANCE_V1,
  STATEMENT_TYPE_V1,
  childProcessTime,
  copyFileAtomic,
  exeSuffix,
  exec,
  exists,
  formatBytes,
  formatDuration,
  formatTarget,
  gantryBuildType,
  goVersionFromFile,
  goVersionRange,
  gzipReproducible,
  lastLines,
  moduleGoDirective,
  nearest,
  parseChecksums,
  parseTarget,
  provenanceStatement,
  readManifest,
  redactUrl,
  reproducibleTar,
  resolveGo,
  resolveInManifest,
  restoreCache,
  saveCachePlan,
  sha256,
  sha256File,
  splitList,
  table,
  targetSlug,
  withParents,
  writeFileAtomic,
  writeManifest,
  writeProvenance
} from "./chunk-FZKQP3XX.js";
import {
  __commonJS,
  __toESM
} from "./chunk-6LYVYBIT.js";

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/attachmentEncoding.js
var require_attachmentEncoding = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/attachmentEncoding.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AttachmentEncoding = void 0;
    var AttachmentEncoding;
    (function(AttachmentEncoding2) {
      AttachmentEncoding2.Base64 = "base64";
    })(AttachmentEncoding || (exports.AttachmentEncoding = AttachmentEncoding = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentScope.js
var require_componentScope = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentScope.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ComponentScope = void 0;
    var ComponentScope;
    (function(ComponentScope2) {
      ComponentScope2.Required = "required", ComponentScope2.Optional = "optional", ComponentScope2.Excluded = "excluded";
    })(ComponentScope || (exports.ComponentScope = ComponentScope = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentType.js
var require_componentType = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/componentType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ComponentType = void 0;
    var ComponentType2;
    (function(ComponentType3) {
      ComponentType3.Application = "application", ComponentType3.Framework = "framework", ComponentType3.Library = "library", ComponentType3.Container = "container", ComponentType3.Platform = "platform", ComponentType3.OperatingSystem = "operating-system", ComponentType3.Device = "device", ComponentType3.DeviceDriver = "device-driver", ComponentType3.Firmware = "firmware", ComponentType3.File = "file", ComponentType3.MachineLearningModel = "machine-learning-model", ComponentType3.Data = "data", ComponentType3.CryptographicAsset = "cryptographic-asset";
    })(ComponentType2 || (exports.ComponentType = ComponentType2 = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/externalReferenceType.js
var require_externalReferenceType = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/externalReferenceType.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ExternalReferenceType = void 0;
    var ExternalReferenceType;
    (function(ExternalReferenceType2) {
      ExternalReferenceType2.VCS = "vcs", ExternalReferenceType2.IssueTracker = "issue-tracker", ExternalReferenceType2.Website = "website", ExternalReferenceType2.Advisories = "advisories", ExternalReferenceType2.BOM = "bom", ExternalReferenceType2.MailingList = "mailing-list", ExternalReferenceType2.Social = "social", ExternalReferenceType2.Chat = "chat", ExternalReferenceType2.Documentation = "documentation", ExternalReferenceType2.Support = "support", ExternalReferenceType2.SourceDistribution = "source-distribution", ExternalReferenceType2.Distribution = "distribution", ExternalReferenceType2.DistributionIntake = "distribution-intake", ExternalReferenceType2.License = "license", ExternalReferenceType2.BuildMeta = "build-meta", ExternalReferenceType2.BuildSystem = "build-system", ExternalReferenceType2.ReleaseNotes = "release-notes", ExternalReferenceType2.SecurityContact = "security-contact", ExternalReferenceType2.ModelCard = "model-card", ExternalReferenceType2.Log = "log", ExternalReferenceType2.Configuration = "configuration", ExternalReferenceType2.Evidence = "evidence", ExternalReferenceType2.Formulation = "formulation", ExternalReferenceType2.Attestation = "attestation", ExternalReferenceType2.ThreatModel = "threat-model", ExternalReferenceType2.AdversaryModel = "adversary-model", ExternalReferenceType2.RiskAssessment = "risk-assessment", ExternalReferenceType2.VulnerabilityAssertion = "vulnerability-assertion", ExternalReferenceType2.ExploitabilityStatement = "exploitability-statement", ExternalReferenceType2.PentestReport = "pentest-report", ExternalReferenceType2.StaticAnalysisReport = "static-analysis-report", ExternalReferenceType2.DynamicAnalysisReport = "dynamic-analysis-report", ExternalReferenceType2.RuntimeAnalysisReport = "runtime-analysis-report", ExternalReferenceType2.ComponentAnalysisReport = "component-analysis-report", ExternalReferenceType2.MaturityReport = "maturity-report", ExternalReferenceType2.CertificationReport = "certification-report", ExternalReferenceType2.CodifiedInfrastructure = "codified-infrastructure", ExternalReferenceType2.QualityMetrics = "quality-metrics", ExternalReferenceType2.POAM = "poam", ExternalReferenceType2.ElectronicSignature = "electronic-signature", ExternalReferenceType2.DigitalSignature = "digital-signature", ExternalReferenceType2.RFC9116 = "rfc-9116", ExternalReferenceType2.Citation = "citation", ExternalReferenceType2.Patent = "patent", ExternalReferenceType2.PatentAssertion = "patent-assertion", ExternalReferenceType2.PatentFamily = "patent-family", ExternalReferenceType2.Other = "other";
    })(ExternalReferenceType || (exports.ExternalReferenceType = ExternalReferenceType = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/hashAlogorithm.js
var require_hashAlogorithm = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/hashAlogorithm.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.HashAlgorithm = void 0;
    var HashAlgorithm2;
    (function(HashAlgorithm3) {
      HashAlgorithm3.MD5 = "MD5", HashAlgorithm3["SHA-1"] = "SHA-1", HashAlgorithm3["SHA-256"] = "SHA-256", HashAlgorithm3["SHA-384"] = "SHA-384", HashAlgorithm3["SHA-512"] = "SHA-512", HashAlgorithm3["SHA3-256"] = "SHA3-256", HashAlgorithm3["SHA3-384"] = "SHA3-384", HashAlgorithm3["SHA3-512"] = "SHA3-512", HashAlgorithm3["BLAKE2b-256"] = "BLAKE2b-256", HashAlgorithm3["BLAKE2b-384"] = "BLAKE2b-384", HashAlgorithm3["BLAKE2b-512"] = "BLAKE2b-512", HashAlgorithm3.BLAKE3 = "BLAKE3", HashAlgorithm3["Streebog-256"] = "Streebog-256", HashAlgorithm3["Streebog-512"] = "Streebog-512";
    })(HashAlgorithm2 || (exports.HashAlgorithm = HashAlgorithm2 = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/licenseAcknowledgement.js
var require_licenseAcknowledgement = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/licenseAcknowledgement.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.LicenseAcknowledgement = void 0;
    var LicenseAcknowledgement;
    (function(LicenseAcknowledgement2) {
      LicenseAcknowledgement2.Declared = "declared", LicenseAcknowledgement2.Concluded = "concluded";
    })(LicenseAcknowledgement || (exports.LicenseAcknowledgement = LicenseAcknowledgement = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/lifecyclePhase.js
var require_lifecyclePhase = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/lifecyclePhase.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.LifecyclePhase = void 0;
    var LifecyclePhase;
    (function(LifecyclePhase2) {
      LifecyclePhase2.Design = "design", LifecyclePhase2.PreBuild = "pre-build", LifecyclePhase2.Build = "build", LifecyclePhase2.PostBuild = "post-build", LifecyclePhase2.Operations = "operations", LifecyclePhase2.Discovery = "discovery", LifecyclePhase2.Decommission = "decommission";
    })(LifecyclePhase || (exports.LifecyclePhase = LifecyclePhase = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/affectStatus.js
var require_affectStatus = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/affectStatus.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AffectStatus = void 0;
    var AffectStatus;
    (function(AffectStatus2) {
      AffectStatus2.Affected = "affected", AffectStatus2.Unaffected = "unaffected", AffectStatus2.Unknown = "unknown";
    })(AffectStatus || (exports.AffectStatus = AffectStatus = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisJustification.js
var require_analysisJustification = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisJustification.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AnalysisJustification = void 0;
    var AnalysisJustification;
    (function(AnalysisJustification2) {
      AnalysisJustification2.CodeNotPresent = "code_not_present", AnalysisJustification2.CodeNotReachable = "code_not_reachable", AnalysisJustification2.RequiresConfiguration = "requires_configuration", AnalysisJustification2.RequiresDependency = "requires_dependency", AnalysisJustification2.RequiresEnvironment = "requires_environment", AnalysisJustification2.ProtectedByCompiler = "protected_by_compiler", AnalysisJustification2.ProtectedAtRuntime = "protected_at_runtime", AnalysisJustification2.ProtectedAtPerimeter = "protected_at_perimeter", AnalysisJustification2.ProtectedByMitigatingControl = "protected_by_mitigating_control";
    })(AnalysisJustification || (exports.AnalysisJustification = AnalysisJustification = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/sortable.js
var require_sortable = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/sortable.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.SortableNumbers = exports.SortableStringables = exports.SortableComparables = exports.SortableSet = exports.compareObjectsSymbol = void 0;
    exports.compareObjectsSymbol = /* @__PURE__ */ Symbol("internal compare function");
    var SortableSet = class extends Set {
      sorted() {
        return Array.from(this).sort(this[exports.compareObjectsSymbol]);
      }
      compare(other) {
        let sortedOther = other.sorted(), sortedSelf = this.sorted();
        if (sortedSelf.length !== sortedOther.length)
          return sortedSelf.length - sortedOther.length;
        for (let i = sortedSelf.length - 1; i >= 0; --i) {
          let iCompared = this[exports.compareObjectsSymbol](sortedSelf[i], sortedOther[i]);
          if (iCompared !== 0)
            return iCompared;
        }
        return 0;
      }
    };
    exports.SortableSet = SortableSet;
    var SortableComparables = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        return a.constructor === b.constructor ? a.compare(b) : a.constructor.name.localeCompare(b.constructor.name);
      }
    };
    exports.SortableComparables = SortableComparables;
    var SortableStringables = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        return a.toString().localeCompare(b.toString());
      }
    };
    exports.SortableStringables = SortableStringables;
    var SortableNumbers = class extends SortableSet {
      [exports.compareObjectsSymbol](a, b) {
        return a - b;
      }
    };
    exports.SortableNumbers = SortableNumbers;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisResponse.js
var require_analysisResponse = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisResponse.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AnalysisResponseRepository = exports.AnalysisResponse = void 0;
    var sortable_1 = require_sortable(), AnalysisResponse;
    (function(AnalysisResponse2) {
      AnalysisResponse2.CanNotFix = "can_not_fix", AnalysisResponse2.WillNotFix = "will_not_fix", AnalysisResponse2.Update = "update", AnalysisResponse2.Rollback = "rollback", AnalysisResponse2.WorkaroundAvailable = "workaround_available";
    })(AnalysisResponse || (exports.AnalysisResponse = AnalysisResponse = {}));
    var AnalysisResponseRepository = class extends sortable_1.SortableStringables {
    };
    exports.AnalysisResponseRepository = AnalysisResponseRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisState.js
var require_analysisState = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/analysisState.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AnalysisState = void 0;
    var AnalysisState;
    (function(AnalysisState2) {
      AnalysisState2.Resolved = "resolved", AnalysisState2.ResolvedWithPedigree = "resolved_with_pedigree", AnalysisState2.Exploitable = "exploitable", AnalysisState2.InTriage = "in_triage", AnalysisState2.FalsePositive = "false_positive", AnalysisState2.NotAffected = "not_affected";
    })(AnalysisState || (exports.AnalysisState = AnalysisState = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/ratingMethod.js
var require_ratingMethod = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/ratingMethod.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.RatingMethod = void 0;
    var RatingMethod;
    (function(RatingMethod2) {
      RatingMethod2.CVSSv2 = "CVSSv2", RatingMethod2.CVSSv3 = "CVSSv3", RatingMethod2.CVSSv31 = "CVSSv31", RatingMethod2.CVSSv4 = "CVSSv4", RatingMethod2.OWASP = "OWASP", RatingMethod2.SSVC = "SSVC", RatingMethod2.Other = "other";
    })(RatingMethod || (exports.RatingMethod = RatingMethod = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/severity.js
var require_severity = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/severity.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Severity = void 0;
    var Severity;
    (function(Severity2) {
      Severity2.Critical = "critical", Severity2.High = "high", Severity2.Medium = "medium", Severity2.Low = "low", Severity2.Info = "info", Severity2.None = "none", Severity2.Unknown = "unknown";
    })(Severity || (exports.Severity = Severity = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/index.js
var require_vulnerability = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/vulnerability/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    __exportStar(require_affectStatus(), exports);
    __exportStar(require_analysisJustification(), exports);
    __exportStar(require_analysisResponse(), exports);
    __exportStar(require_analysisState(), exports);
    __exportStar(require_ratingMethod(), exports);
    __exportStar(require_severity(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js
var require_enums = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/enums/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: !0, value: v });
    }) : function(o, v) {
      o.default = v;
    }), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    }, __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        return ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) Object.prototype.hasOwnProperty.call(o2, k) && (ar[ar.length] = k);
          return ar;
        }, ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) k[i] !== "default" && __createBinding(result, mod, k[i]);
        return __setModuleDefault(result, mod), result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Vulnerability = void 0;
    __exportStar(require_attachmentEncoding(), exports);
    __exportStar(require_componentScope(), exports);
    __exportStar(require_componentType(), exports);
    __exportStar(require_externalReferenceType(), exports);
    __exportStar(require_hashAlogorithm(), exports);
    __exportStar(require_licenseAcknowledgement(), exports);
    __exportStar(require_lifecyclePhase(), exports);
    exports.Vulnerability = __importStar(require_vulnerability());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/attachment.js
var require_attachment = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/attachment.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Attachment = void 0;
    var Attachment = class {
      contentType;
      content;
      encoding;
      constructor(content, op = {}) {
        this.contentType = op.contentType, this.content = content, this.encoding = op.encoding;
      }
    };
    exports.Attachment = Attachment;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/integer.js
var require_integer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/integer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.isInteger = isInteger;
    exports.isNonNegativeInteger = isNonNegativeInteger;
    exports.isPositiveInteger = isPositiveInteger;
    function isInteger(value2) {
      return Number.isInteger(value2);
    }
    function isNonNegativeInteger(value2) {
      return isInteger(value2) && value2 >= 0;
    }
    function isPositiveInteger(value2) {
      return isInteger(value2) && value2 > 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/tree.js
var require_tree = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/tree.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.treeIteratorSymbol = void 0;
    exports.treeIteratorSymbol = /* @__PURE__ */ Symbol("iterator of a tree/nesting-like structure");
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cpe.js
var require_cpe = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cpe.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.isCPE = isCPE;
    var cpePattern = /^([c][pP][eE]:\/[AHOaho]?(:[A-Za-z0-9\._\-~%]*){0,6})$|^(cpe:2\.3:[aho\*\-](:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){5}(:(([a-zA-Z]{2,3}(-([a-zA-Z]{2}|[0-9]{3}))?)|[\*\-]))(:(((\?*|\*?)([a-zA-Z0-9\-\._]|(\\[\\\*\?!"#$$%&'\(\)\+,\/:;<=>@\[\]\^`\{\|}~]))+(\?*|\*?))|[\*\-])){4})$/;
    function isCPE(value2) {
      return typeof value2 == "string" && cpePattern.test(value2);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomRef.js
var require_bomRef = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomRef.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.BomRefRepository = exports.BomRef = void 0;
    var BomRef = class {
      value;
      constructor(value2) {
        this.value = value2;
      }
      compare(other) {
        return this.toString().localeCompare(other.toString());
      }
      toString() {
        return this.value ?? "";
      }
    };
    exports.BomRef = BomRef;
    var BomRefRepository = class extends Set {
    };
    exports.BomRefRepository = BomRefRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/copyright.js
var require_copyright = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/copyright.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.CopyrightRepository = void 0;
    var sortable_1 = require_sortable(), CopyrightRepository = class extends sortable_1.SortableStringables {
    };
    exports.CopyrightRepository = CopyrightRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/hash.js
var require_hash = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/hash.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.HashDictionary = void 0;
    var HashDictionary = class _HashDictionary extends Map {
      static #compareItems([a1, c1], [a2, c2]) {
        return a1.localeCompare(a2) || c1.localeCompare(c2);
      }
      sorted() {
        return Array.from(this.entries()).sort(_HashDictionary.#compareItems);
      }
    };
    exports.HashDictionary = HashDictionary;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/externalReference.js
var require_externalReference = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/externalReference.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ExternalReferenceRepository = exports.ExternalReference = void 0;
    var sortable_1 = require_sortable(), hash_1 = require_hash(), ExternalReference = class {
      url;
      type;
      hashes;
      comment;
      constructor(url, type, op = {}) {
        this.url = url, this.type = type, this.hashes = op.hashes ?? new hash_1.HashDictionary(), this.comment = op.comment;
      }
      compare(other) {
        return this.type.localeCompare(other.type) || this.url.toString().localeCompare(other.url.toString());
      }
    };
    exports.ExternalReference = ExternalReference;
    var ExternalReferenceRepository = class extends sortable_1.SortableComparables {
    };
    exports.ExternalReferenceRepository = ExternalReferenceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/property.js
var require_property = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/property.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.PropertyRepository = exports.Property = void 0;
    var sortable_1 = require_sortable(), Property2 = class {
      name;
      value;
      constructor(name, value2) {
        this.name = name, this.value = value2;
      }
      compare(other) {
        return this.name.localeCompare(other.name) || this.value.localeCompare(other.value);
      }
    };
    exports.Property = Property2;
    var PropertyRepository = class extends sortable_1.SortableComparables {
    };
    exports.PropertyRepository = PropertyRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/license.js
var require_license = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/license.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.LicenseRepository = exports.SpdxLicense = exports.NamedLicense = exports.LicenseExpression = void 0;
    var property_1 = require_property(), LicenseExpression = class {
      #expression;
      acknowledgement;
      constructor(expression) {
        this.expression = expression;
      }
      get expression() {
        return this.#expression;
      }
      set expression(value2) {
        if (value2 === "")
          throw new RangeError("value is empty string");
        this.#expression = value2;
      }
      compare(other) {
        return this.#expression.localeCompare(other.#expression);
      }
    };
    exports.LicenseExpression = LicenseExpression;
    var DisjunctiveLicenseBase = class {
      acknowledgement;
      text;
      #url;
      properties;
      constructor(op = {}) {
        this.acknowledgement = op.acknowledgement, this.text = op.text, this.url = op.url, this.properties = op.properties ?? new property_1.PropertyRepository();
      }
      get url() {
        return this.#url;
      }
      set url(value2) {
        this.#url = value2 === "" ? void 0 : value2;
      }
    }, NamedLicense = class extends DisjunctiveLicenseBase {
      name;
      constructor(name, op = {}) {
        super(op), this.name = name;
      }
      compare(other) {
        return this.name.localeCompare(other.name);
      }
    };
    exports.NamedLicense = NamedLicense;
    var SpdxLicense = class extends DisjunctiveLicenseBase {
      #id;
      constructor(id, op = {}) {
        super(op), this.id = id;
      }
      get id() {
        return this.#id;
      }
      set id(value2) {
        if (value2 === "")
          throw new RangeError("value is empty string");
        this.#id = value2;
      }
      compare(other) {
        return this.#id.localeCompare(other.#id);
      }
    };
    exports.SpdxLicense = SpdxLicense;
    var LicenseRepository = class _LicenseRepository extends Set {
      static #compareItems(a, b) {
        return a.constructor === b.constructor ? a.compare(b) : a.constructor.name.localeCompare(b.constructor.name);
      }
      sorted() {
        return Array.from(this).sort(_LicenseRepository.#compareItems);
      }
    };
    exports.LicenseRepository = LicenseRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/component.js
var require_component = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/component.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ComponentEvidence = exports.ComponentRepository = exports.Component = void 0;
    var sortable_1 = require_sortable(), tree_1 = require_tree(), cpe_1 = require_cpe(), bomRef_1 = require_bomRef(), copyright_1 = require_copyright(), externalReference_1 = require_externalReference(), hash_1 = require_hash(), license_1 = require_license(), property_1 = require_property(), Component2 = class {
      type;
      name;
      author;
      copyright;
      description;
      externalReferences;
      group;
      hashes;
      licenses;
      publisher;
      purl;
      scope;
      supplier;
      swid;
      version;
      components;
      properties;
      evidence;
      #bomRef;
      #cpe;
      dependencies;
      constructor(type, name, op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef), this.type = type, this.name = name, this.supplier = op.supplier, this.author = op.author, this.copyright = op.copyright, this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository(), this.group = op.group, this.hashes = op.hashes ?? new hash_1.HashDictionary(), this.licenses = op.licenses ?? new license_1.LicenseRepository(), this.publisher = op.publisher, this.purl = op.purl, this.scope = op.scope, this.swid = op.swid, this.version = op.version, this.description = op.description, this.components = op.components ?? new ComponentRepository(), this.cpe = op.cpe, this.properties = op.properties ?? new property_1.PropertyRepository(), this.evidence = op.evidence, this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      get cpe() {
        return this.#cpe;
      }
      set cpe(value2) {
        if (value2 !== void 0 && !(0, cpe_1.isCPE)(value2))
          throw new TypeError("Not CPE nor undefined");
        this.#cpe = value2;
      }
      compare(other) {
        let bomRefCompare = this.bomRef.compare(other.bomRef);
        return bomRefCompare !== 0 ? bomRefCompare : this.purl !== void 0 && other.purl !== void 0 ? this.purl.localeCompare(other.purl) : this.#cpe !== void 0 && other.#cpe !== void 0 ? this.#cpe.localeCompare(other.#cpe) : (this.group ?? "").localeCompare(other.group ?? "") || this.name.localeCompare(other.name) || (this.version ?? "").localeCompare(other.version ?? "");
      }
    };
    exports.Component = Component2;
    var ComponentRepository = class extends sortable_1.SortableComparables {
      *[tree_1.treeIteratorSymbol]() {
        for (let component of this)
          yield component, yield* component.components[tree_1.treeIteratorSymbol]();
      }
    };
    exports.ComponentRepository = ComponentRepository;
    var ComponentEvidence = class {
      licenses;
      copyright;
      constructor(op = {}) {
        this.licenses = op.licenses ?? new license_1.LicenseRepository(), this.copyright = op.copyright ?? new copyright_1.CopyrightRepository();
      }
    };
    exports.ComponentEvidence = ComponentEvidence;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/lifecycle.js
var require_lifecycle = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/lifecycle.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.LifecycleRepository = exports.NamedLifecycle = void 0;
    var NamedLifecycle = class {
      name;
      description;
      constructor(name, op = {}) {
        this.name = name, this.description = op.description;
      }
      compare(other) {
        return this.name.localeCompare(other.name);
      }
    };
    exports.NamedLifecycle = NamedLifecycle;
    var LifecycleRepository = class _LifecycleRepository extends Set {
      static #compareItems(a, b) {
        return a.constructor === b.constructor ? a instanceof NamedLifecycle ? a.compare(b) : a.localeCompare(b) : a.constructor.name.localeCompare(b.constructor.name);
      }
      sorted() {
        return Array.from(this).sort(_LifecycleRepository.#compareItems);
      }
    };
    exports.LifecycleRepository = LifecycleRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalContact.js
var require_organizationalContact = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalContact.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.OrganizationalContactRepository = exports.OrganizationalContact = void 0;
    var sortable_1 = require_sortable(), OrganizationalContact = class {
      name;
      email;
      phone;
      constructor(op = {}) {
        this.name = op.name, this.email = op.email, this.phone = op.phone;
      }
      compare(other) {
        return (this.name ?? "").localeCompare(other.name ?? "") || (this.email ?? "").localeCompare(other.email ?? "") || (this.phone ?? "").localeCompare(other.phone ?? "");
      }
    };
    exports.OrganizationalContact = OrganizationalContact;
    var OrganizationalContactRepository = class extends sortable_1.SortableComparables {
    };
    exports.OrganizationalContactRepository = OrganizationalContactRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/service.js
var require_service = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/service.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ServiceRepository = exports.Service = void 0;
    var sortable_1 = require_sortable(), tree_1 = require_tree(), bomRef_1 = require_bomRef(), externalReference_1 = require_externalReference(), license_1 = require_license(), property_1 = require_property(), Service = class {
      provider;
      group;
      name;
      version;
      description;
      licenses;
      externalReferences;
      services;
      properties;
      #bomRef;
      dependencies;
      constructor(name, op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef), this.provider = op.provider, this.group = op.group, this.name = name, this.version = op.version, this.description = op.description, this.licenses = op.licenses ?? new license_1.LicenseRepository(), this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository(), this.services = op.services ?? new ServiceRepository(), this.properties = op.properties ?? new property_1.PropertyRepository(), this.dependencies = op.dependencies ?? new bomRef_1.BomRefRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      compare(other) {
        let bomRefCompare = this.bomRef.compare(other.bomRef);
        return bomRefCompare !== 0 ? bomRefCompare : (this.group ?? "").localeCompare(other.group ?? "") || this.name.localeCompare(other.name) || (this.version ?? "").localeCompare(other.version ?? "");
      }
    };
    exports.Service = Service;
    var ServiceRepository = class extends sortable_1.SortableComparables {
      *[tree_1.treeIteratorSymbol]() {
        for (let service of this)
          yield service, yield* service.services[tree_1.treeIteratorSymbol]();
      }
    };
    exports.ServiceRepository = ServiceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/tool.js
var require_tool = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/tool.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Tools = exports.ToolRepository = exports.Tool = void 0;
    var sortable_1 = require_sortable(), component_1 = require_component(), externalReference_1 = require_externalReference(), hash_1 = require_hash(), service_1 = require_service(), Tool = class _Tool {
      vendor;
      name;
      version;
      hashes;
      externalReferences;
      constructor(op = {}) {
        this.vendor = op.vendor, this.name = op.name, this.version = op.version, this.hashes = op.hashes ?? new hash_1.HashDictionary(), this.externalReferences = op.externalReferences ?? new externalReference_1.ExternalReferenceRepository();
      }
      compare(other) {
        return (this.vendor ?? "").localeCompare(other.vendor ?? "") || (this.name ?? "").localeCompare(other.name ?? "") || (this.version ?? "").localeCompare(other.version ?? "");
      }
      static fromComponent(component) {
        return new _Tool({
          vendor: component.group,
          name: component.name,
          version: component.version,
          hashes: component.hashes,
          externalReferences: component.externalReferences
        });
      }
      static fromService(service) {
        return new _Tool({
          vendor: service.group,
          name: service.name,
          version: service.version,
          externalReferences: service.externalReferences
        });
      }
    };
    exports.Tool = Tool;
    var ToolRepository = class extends sortable_1.SortableComparables {
    };
    exports.ToolRepository = ToolRepository;
    var Tools = class {
      components;
      services;
      tools;
      constructor(op = {}) {
        this.components = op.components ?? new component_1.ComponentRepository(), this.services = op.services ?? new service_1.ServiceRepository(), this.tools = op.tools ?? new ToolRepository();
      }
      get size() {
        return this.components.size + this.services.size + this.tools.size;
      }
    };
    exports.Tools = Tools;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/metadata.js
var require_metadata = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/metadata.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Metadata = void 0;
    var license_1 = require_license(), lifecycle_1 = require_lifecycle(), organizationalContact_1 = require_organizationalContact(), property_1 = require_property(), tool_1 = require_tool(), Metadata = class {
      timestamp;
      lifecycles;
      tools;
      authors;
      component;
      manufacture;
      supplier;
      licenses;
      properties;
      constructor(op = {}) {
        this.timestamp = op.timestamp, this.lifecycles = op.lifecycles ?? new lifecycle_1.LifecycleRepository(), this.tools = op.tools ?? new tool_1.Tools(), this.authors = op.authors ?? new organizationalContact_1.OrganizationalContactRepository(), this.component = op.component, this.manufacture = op.manufacture, this.supplier = op.supplier, this.licenses = op.licenses ?? new license_1.LicenseRepository(), this.properties = op.properties ?? new property_1.PropertyRepository();
      }
    };
    exports.Metadata = Metadata;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cwe.js
var require_cwe = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/types/cwe.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.CweRepository = void 0;
    exports.isCWE = isCWE;
    var sortable_1 = require_sortable(), integer_1 = require_integer();
    function isCWE(value2) {
      return (0, integer_1.isPositiveInteger)(value2);
    }
    var CweRepository = class extends sortable_1.SortableNumbers {
    };
    exports.CweRepository = CweRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/advisory.js
var require_advisory = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/advisory.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AdvisoryRepository = exports.Advisory = void 0;
    var sortable_1 = require_sortable(), Advisory = class {
      title;
      url;
      constructor(url, op = {}) {
        this.url = url, this.title = op.title;
      }
      compare(other) {
        return this.url.toString().localeCompare(other.url.toString()) || (this.title ?? "").localeCompare(other.title ?? "");
      }
    };
    exports.Advisory = Advisory;
    var AdvisoryRepository = class extends sortable_1.SortableComparables {
    };
    exports.AdvisoryRepository = AdvisoryRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/affect.js
var require_affect = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/affect.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.AffectedVersionRepository = exports.AffectedVersionRange = exports.AffectedSingleVersion = exports.AffectRepository = exports.Affect = void 0;
    var sortable_1 = require_sortable(), Affect = class {
      ref;
      versions;
      constructor(ref, op = {}) {
        this.ref = ref, this.versions = op.versions ?? new AffectedVersionRepository();
      }
      compare(other) {
        return this.ref.compare(other.ref) || this.versions.compare(other.versions);
      }
    };
    exports.Affect = Affect;
    var AffectRepository = class extends sortable_1.SortableComparables {
    };
    exports.AffectRepository = AffectRepository;
    var AffectedSingleVersion = class {
      version;
      status;
      constructor(version, op = {}) {
        this.version = version, this.status = op.status;
      }
      compare(other) {
        return this.version.localeCompare(other.version) || (this.status ?? "").localeCompare(other.status ?? "");
      }
    };
    exports.AffectedSingleVersion = AffectedSingleVersion;
    var AffectedVersionRange = class {
      range;
      status;
      constructor(range2, op = {}) {
        this.range = range2, this.status = op.status;
      }
      compare(other) {
        return this.range.localeCompare(other.range) || (this.status ?? "").localeCompare(other.status ?? "");
      }
    };
    exports.AffectedVersionRange = AffectedVersionRange;
    var AffectedVersionRepository = class extends sortable_1.SortableComparables {
    };
    exports.AffectedVersionRepository = AffectedVersionRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/rating.js
var require_rating = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/rating.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.RatingRepository = exports.Rating = void 0;
    var sortable_1 = require_sortable(), Rating = class {
      source;
      score;
      severity;
      method;
      vector;
      justification;
      constructor(op = {}) {
        this.source = op.source, this.score = op.score, this.severity = op.severity, this.method = op.method, this.vector = op.vector, this.justification = op.justification;
      }
      compare(other) {
        return (this.score ?? 0) - (other.score ?? 0) || (this.vector ?? "").localeCompare(other.vector ?? "") || (this.justification ?? "").localeCompare(other.justification ?? "") || (this.severity ?? "").localeCompare(other.severity ?? "") || (this.method ?? "").localeCompare(other.method ?? "") || (this.source && other.source ? this.source.compare(other.source) : 0);
      }
    };
    exports.Rating = Rating;
    var RatingRepository = class extends sortable_1.SortableComparables {
    };
    exports.RatingRepository = RatingRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/reference.js
var require_reference = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/reference.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.ReferenceRepository = exports.Reference = void 0;
    var sortable_1 = require_sortable(), Reference = class {
      id;
      source;
      constructor(id, source) {
        this.id = id, this.source = source;
      }
      compare(other) {
        return this.id.localeCompare(other.id) || this.source.compare(other.source);
      }
    };
    exports.Reference = Reference;
    var ReferenceRepository = class extends sortable_1.SortableComparables {
    };
    exports.ReferenceRepository = ReferenceRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/vulnerability.js
var require_vulnerability2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/vulnerability.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.VulnerabilityRepository = exports.Vulnerability = void 0;
    var sortable_1 = require_sortable(), cwe_1 = require_cwe(), bomRef_1 = require_bomRef(), property_1 = require_property(), tool_1 = require_tool(), advisory_1 = require_advisory(), affect_1 = require_affect(), rating_1 = require_rating(), reference_1 = require_reference(), Vulnerability = class {
      #bomRef;
      id;
      source;
      references;
      ratings;
      cwes;
      description;
      detail;
      recommendation;
      advisories;
      created;
      published;
      updated;
      credits;
      tools;
      analysis;
      affects;
      properties;
      constructor(op = {}) {
        this.#bomRef = new bomRef_1.BomRef(op.bomRef), this.id = op.id, this.source = op.source, this.references = op.references ?? new reference_1.ReferenceRepository(), this.ratings = op.ratings ?? new rating_1.RatingRepository(), this.cwes = op.cwes ?? new cwe_1.CweRepository(), this.description = op.description, this.detail = op.detail, this.recommendation = op.recommendation, this.advisories = op.advisories ?? new advisory_1.AdvisoryRepository(), this.created = op.created, this.published = op.published, this.updated = op.updated, this.credits = op.credits, this.tools = op.tools ?? new tool_1.Tools(), this.analysis = op.analysis, this.affects = op.affects ?? new affect_1.AffectRepository(), this.properties = op.properties ?? new property_1.PropertyRepository();
      }
      get bomRef() {
        return this.#bomRef;
      }
      compare(other) {
        let bomRefCompare = this.bomRef.compare(other.bomRef);
        return bomRefCompare !== 0 ? bomRefCompare : (this.id ?? "").localeCompare(other.id ?? "") || (this.created?.getTime() ?? 0) - (other.created?.getTime() ?? 0) || (this.published?.getTime() ?? 0) - (other.published?.getTime() ?? 0) || (this.updated?.getTime() ?? 0) - (other.updated?.getTime() ?? 0) || this.ratings.compare(other.ratings) || this.cwes.compare(other.cwes) || (this.description ?? "").localeCompare(other.description ?? "") || (this.detail ?? "").localeCompare(other.detail ?? "") || (this.recommendation ?? "").localeCompare(other.recommendation ?? "") || (this.source && other.source ? this.source.compare(other.source) : 0) || this.properties.compare(other.properties);
      }
    };
    exports.Vulnerability = Vulnerability;
    var VulnerabilityRepository = class extends sortable_1.SortableComparables {
    };
    exports.VulnerabilityRepository = VulnerabilityRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bom.js
var require_bom = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bom.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Bom = void 0;
    var integer_1 = require_integer(), component_1 = require_component(), metadata_1 = require_metadata(), service_1 = require_service(), vulnerability_1 = require_vulnerability2(), Bom2 = class {
      metadata;
      components;
      services;
      vulnerabilities;
      #version = 1;
      #serialNumber;
      constructor(op = {}) {
        this.metadata = op.metadata ?? new metadata_1.Metadata(), this.components = op.components ?? new component_1.ComponentRepository(), this.services = op.services ?? new service_1.ServiceRepository(), this.version = op.version ?? this.version, this.vulnerabilities = op.vulnerabilities ?? new vulnerability_1.VulnerabilityRepository(), this.serialNumber = op.serialNumber;
      }
      get version() {
        return this.#version;
      }
      set version(value2) {
        if (!(0, integer_1.isPositiveInteger)(value2))
          throw new TypeError("Not PositiveInteger");
        this.#version = value2;
      }
      get serialNumber() {
        return this.#serialNumber;
      }
      set serialNumber(value2) {
        this.#serialNumber = value2 === "" ? void 0 : value2;
      }
    };
    exports.Bom = Bom2;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomLink.js
var require_bomLink = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/bomLink.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.BomLinkElement = exports.BomLinkDocument = void 0;
    var BomLinkBase = class {
      #value;
      constructor(value2) {
        this.value = value2;
      }
      get value() {
        return this.#value;
      }
      set value(value2) {
        if (!this._isValid(value2))
          throw new RangeError("invalid value");
        this.#value = value2;
      }
      compare(other) {
        return this.toString().localeCompare(other.toString());
      }
      toString() {
        return this.value;
      }
    }, BomLinkDocument = class _BomLinkDocument extends BomLinkBase {
      static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*$/;
      static isValid(value2) {
        return typeof value2 == "string" && this.#pattern.test(value2);
      }
      _isValid(value2) {
        return _BomLinkDocument.isValid(value2);
      }
    };
    exports.BomLinkDocument = BomLinkDocument;
    var BomLinkElement = class _BomLinkElement extends BomLinkBase {
      static #pattern = /^urn:cdx:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/[1-9][0-9]*#.+$/;
      static isValid(value2) {
        return typeof value2 == "string" && this.#pattern.test(value2);
      }
      _isValid(value2) {
        return _BomLinkElement.isValid(value2);
      }
    };
    exports.BomLinkElement = BomLinkElement;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalEntity.js
var require_organizationalEntity = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/organizationalEntity.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.OrganizationalEntityRepository = exports.OrganizationalEntity = void 0;
    var sortable_1 = require_sortable(), organizationalContact_1 = require_organizationalContact(), OrganizationalEntity = class {
      name;
      url;
      contact;
      constructor(op = {}) {
        this.name = op.name, this.url = op.url ?? /* @__PURE__ */ new Set(), this.contact = op.contact ?? new organizationalContact_1.OrganizationalContactRepository();
      }
      compare(other) {
        return (this.name ?? "").localeCompare(other.name ?? "") || this.contact.compare(other.contact) || new sortable_1.SortableStringables(this.url).compare(new sortable_1.SortableStringables(other.url));
      }
    };
    exports.OrganizationalEntity = OrganizationalEntity;
    var OrganizationalEntityRepository = class extends sortable_1.SortableComparables {
    };
    exports.OrganizationalEntityRepository = OrganizationalEntityRepository;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/swid.js
var require_swid = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/swid.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.SWID = void 0;
    var integer_1 = require_integer(), SWID = class {
      tagId;
      name;
      version;
      patch;
      text;
      url;
      #tagVersion;
      constructor(tagId, name, op = {}) {
        this.tagId = tagId, this.name = name, this.version = op.version, this.patch = op.patch, this.text = op.text, this.url = op.url, this.tagVersion = op.tagVersion;
      }
      get tagVersion() {
        return this.#tagVersion;
      }
      set tagVersion(value2) {
        if (value2 !== void 0 && !(0, integer_1.isNonNegativeInteger)(value2))
          throw new TypeError("Not NonNegativeInteger nor undefined");
        this.#tagVersion = value2;
      }
    };
    exports.SWID = SWID;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/analysis.js
var require_analysis = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/analysis.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Analysis = void 0;
    var analysisResponse_1 = require_analysisResponse(), Analysis = class {
      state;
      justification;
      response;
      detail;
      constructor(op = {}) {
        this.state = op.state, this.justification = op.justification, this.response = op.response ?? new analysisResponse_1.AnalysisResponseRepository(), this.detail = op.detail;
      }
    };
    exports.Analysis = Analysis;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/credits.js
var require_credits = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/credits.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Credits = void 0;
    var organizationalContact_1 = require_organizationalContact(), organizationalEntity_1 = require_organizationalEntity(), Credits = class {
      organizations;
      individuals;
      constructor(op = {}) {
        this.organizations = op.organizations ?? new organizationalEntity_1.OrganizationalEntityRepository(), this.individuals = op.individuals ?? new organizationalContact_1.OrganizationalContactRepository();
      }
    };
    exports.Credits = Credits;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/source.js
var require_source = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/source.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Source = void 0;
    var Source = class {
      name;
      url;
      constructor(op = {}) {
        this.name = op.name, this.url = op.url;
      }
      compare(other) {
        return (this.url?.toString() ?? "").localeCompare(other.url?.toString() ?? "") || (this.name ?? "").localeCompare(other.name ?? "");
      }
    };
    exports.Source = Source;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/index.js
var require_vulnerability3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/vulnerability/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    __exportStar(require_advisory(), exports);
    __exportStar(require_affect(), exports);
    __exportStar(require_analysis(), exports);
    __exportStar(require_credits(), exports);
    __exportStar(require_rating(), exports);
    __exportStar(require_reference(), exports);
    __exportStar(require_source(), exports);
    __exportStar(require_vulnerability2(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js
var require_models = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/models/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: !0, value: v });
    }) : function(o, v) {
      o.default = v;
    }), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    }, __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        return ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) Object.prototype.hasOwnProperty.call(o2, k) && (ar[ar.length] = k);
          return ar;
        }, ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) k[i] !== "default" && __createBinding(result, mod, k[i]);
        return __setModuleDefault(result, mod), result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Vulnerability = void 0;
    __exportStar(require_attachment(), exports);
    __exportStar(require_bom(), exports);
    __exportStar(require_bomLink(), exports);
    __exportStar(require_bomRef(), exports);
    __exportStar(require_component(), exports);
    __exportStar(require_copyright(), exports);
    __exportStar(require_externalReference(), exports);
    __exportStar(require_hash(), exports);
    __exportStar(require_license(), exports);
    __exportStar(require_lifecycle(), exports);
    __exportStar(require_metadata(), exports);
    __exportStar(require_organizationalContact(), exports);
    __exportStar(require_organizationalEntity(), exports);
    __exportStar(require_property(), exports);
    __exportStar(require_service(), exports);
    __exportStar(require_swid(), exports);
    __exportStar(require_tool(), exports);
    exports.Vulnerability = __importStar(require_vulnerability3());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/bomRefDiscriminator.js
var require_bomRefDiscriminator = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/bomRefDiscriminator.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.BomRefDiscriminator = void 0;
    var BomRefDiscriminator = class {
      #originalValues;
      #prefix;
      constructor(bomRefs, prefix = "BomRef") {
        this.#originalValues = Array.from(bomRefs, (r) => [r, r.value]), this.#prefix = prefix;
      }
      get prefix() {
        return this.#prefix;
      }
      *[Symbol.iterator]() {
        for (let [bomRef] of this.#originalValues)
          yield bomRef;
      }
      discriminate() {
        let knownRefValues = /* @__PURE__ */ new Set([""]);
        for (let [bomRef] of this.#originalValues) {
          let value2 = bomRef.value;
          (value2 === void 0 || knownRefValues.has(value2)) && (value2 = this.#makeUniqueId(), bomRef.value = value2), knownRefValues.add(value2);
        }
      }
      reset() {
        for (let [bomRef, originalValue] of this.#originalValues)
          bomRef.value = originalValue;
      }
      #makeUniqueId() {
        return `${this.#prefix}${Math.random().toString(32).substring(1)}${Math.random().toString(32).substring(1)}`;
      }
    };
    exports.BomRefDiscriminator = BomRefDiscriminator;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/errors.js
var require_errors = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.OptPlugError = void 0;
    var OptPlugError = class extends Error {
      cause;
      constructor(message, cause) {
        super(message), this.cause = cause;
      }
    };
    exports.OptPlugError = OptPlugError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/errors.js
var require_errors2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.MissingOptionalDependencyError = void 0;
    var errors_1 = require_errors(), MissingOptionalDependencyError = class extends errors_1.OptPlugError {
    };
    exports.MissingOptionalDependencyError = MissingOptionalDependencyError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/types.js
var require_types = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/baseSerializer.js
var require_baseSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/baseSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.BaseSerializer = void 0;
    var tree_1 = require_tree(), bomRefDiscriminator_1 = require_bomRefDiscriminator(), BaseSerializer = class {
      *#getAllBomRefs(bom) {
        if (bom.metadata.component !== void 0) {
          yield bom.metadata.component.bomRef;
          for (let { bomRef } of bom.metadata.component.components[tree_1.treeIteratorSymbol]())
            yield bomRef;
        }
        for (let { bomRef } of bom.components[tree_1.treeIteratorSymbol]())
          yield bomRef;
        for (let { bomRef } of bom.services[tree_1.treeIteratorSymbol]())
          yield bomRef;
        for (let { bomRef } of bom.vulnerabilities)
          yield bomRef;
      }
      #normalize(bom, options) {
        let bomRefDiscriminator = new bomRefDiscriminator_1.BomRefDiscriminator(this.#getAllBomRefs(bom));
        bomRefDiscriminator.discriminate();
        try {
          return this._normalize(bom, options);
        } finally {
          bomRefDiscriminator.reset();
        }
      }
      serialize(bom, options) {
        return this._serialize(this.#normalize(bom, options), options);
      }
    };
    exports.BaseSerializer = BaseSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/iterable.js
var require_iterable = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/iterable.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.chainI = chainI;
    function* chainI(...iterables) {
      for (let iterable of iterables)
        yield* iterable;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/notUndefined.js
var require_notUndefined = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/notUndefined.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.isNotUndefined = isNotUndefined;
    function isNotUndefined(value2) {
      return value2 !== void 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/uri.js
var require_uri = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_helpers/uri.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.escapeUri = escapeUri;
    var _ESCAPES = [
      [/ /g, "%20"],
      [/"/g, "%22"],
      [/'/g, "%27"],
      [/\[/g, "%5B"],
      [/]/g, "%5D"],
      [/</g, "%3C"],
      [/>/g, "%3E"],
      [/\{/g, "%7B"],
      [/}/g, "%7D"]
    ];
    function escapeUri(value2) {
      if (value2 === void 0)
        return value2;
      for (let [s, r] of _ESCAPES)
        value2 = value2.replace(s, r);
      return value2;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json
var require_spdx_SNAPSHOT_schema = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/res/schema/spdx.SNAPSHOT.schema.json"(exports, module) {
    module.exports = {
      $schema: "http://json-schema.org/draft-07/schema#",
      $id: "http://cyclonedx.org/schema/spdx.schema.json",
      $comment: "v1.1-3.29.0",
      type: "string",
      enum: [
        "0BSD",
        "3D-Slicer-1.0",
        "AAL",
        "Abstyles",
        "AdaCore-doc",
        "Adobe-2006",
        "Adobe-Display-PostScript",
        "Adobe-Glyph",
        "Adobe-Utopia",
        "ADSL",
        "Advanced-Cryptics-Dictionary",
        "AFL-1.1",
        "AFL-1.2",
        "AFL-2.0",
        "AFL-2.1",
        "AFL-3.0",
        "Afmparse",
        "AGPL-1.0",
        "AGPL-1.0-only",
        "AGPL-1.0-or-later",
        "AGPL-3.0",
        "AGPL-3.0-only",
        "AGPL-3.0-or-later",
        "Aladdin",
        "ALGLIB-Documentation",
        "AMD-newlib",
        "AMDPLPA",
        "AML",
        "AML-glslang",
        "AMPAS",
        "ANTLR-PD",
        "ANTLR-PD-fallback",
        "any-OSI",
        "any-OSI-perl-modules",
        "Apache-1.0",
        "Apache-1.1",
        "Apache-2.0",
        "APAFML",
        "APL-1.0",
        "App-s2p",
        "APSL-1.0",
        "APSL-1.1",
        "APSL-1.2",
        "APSL-2.0",
        "Arphic-1999",
        "Artistic-1.0",
        "Artistic-1.0-cl8",
        "Artistic-1.0-Perl",
        "Artistic-2.0",
        "Artistic-dist",
        "Aspell-RU",
        "ASWF-Digital-Assets-1.0",
        "ASWF-Digital-Assets-1.1",
        "atc-game",
        "Baekmuk",
        "Bahyph",
        "Barr",
        "bcrypt-Solar-Designer",
        "Beerware",
        "Bitstream-Charter",
        "Bitstream-Vera",
        "BitTorrent-1.0",
        "BitTorrent-1.1",
        "blessing",
        "BlueOak-1.0.0",
        "Boehm-GC",
        "Boehm-GC-without-fee",
        "BOLA-1.1",
        "Borceux",
        "Brian-Gladman-2-Clause",
        "Brian-Gladman-3-Clause",
        "Brian-Gladman-3-Clause-no-conversion",
        "BSD-1-Clause",
        "BSD-2-Clause",
        "BSD-2-Clause-Darwin",
        "BSD-2-Clause-first-lines",
        "BSD-2-Clause-FreeBSD",
        "BSD-2-Clause-NetBSD",
        "BSD-2-Clause-Patent",
        "BSD-2-Clause-pkgconf-disclaimer",
        "BSD-2-Clause-pos-unchanged",
        "BSD-2-Clause-Views",
        "BSD-3-Clause",
        "BSD-3-Clause-acpica",
        "BSD-3-Clause-Attribution",
        "BSD-3-Clause-Clear",
        "BSD-3-Clause-flex",
        "BSD-3-Clause-HP",
        "BSD-3-Clause-LBNL",
        "BSD-3-Clause-Modification",
        "BSD-3-Clause-No-Military-License",
        "BSD-3-Clause-No-Nuclear-License",
        "BSD-3-Clause-No-Nuclear-License-2014",
        "BSD-3-Clause-No-Nuclear-Warranty",
        "BSD-3-Clause-Open-MPI",
        "BSD-3-Clause-OpenWebUI",
        "BSD-3-Clause-Sun",
        "BSD-3-Clause-Tso",
        "BSD-4-Clause",
        "BSD-4-Clause-Shortened",
        "BSD-4-Clause-UC",
        "BSD-4.3RENO",
        "BSD-4.3TAHOE",
        "BSD-Advertising-Acknowledgement",
        "BSD-ask-to-endorse",
        "BSD-Attribution-HPND-disclaimer",
        "BSD-Inferno-Nettverk",
        "BSD-Mark-Modifications",
        "BSD-Protection",
        "BSD-Source-alt-GPL",
        "BSD-Source-beginning-file",
        "BSD-Source-Code",
        "BSD-Source-Code-no-disclaimer",
        "BSD-Systemics",
        "BSD-Systemics-W3Works",
        "BSL-1.0",
        "Buddy",
        "Bugroff",
        "BUSL-1.1",
        "bzip2-1.0.5",
        "bzip2-1.0.6",
        "C-UDA-1.0",
        "CAL-1.0",
        "CAL-1.0-Combined-Work-Exception",
        "Caldera",
        "Caldera-no-preamble",
        "CAPEC-tou",
        "Catharon",
        "CATOSL-1.1",
        "CC-BY-1.0",
        "CC-BY-2.0",
        "CC-BY-2.5",
        "CC-BY-2.5-AU",
        "CC-BY-3.0",
        "CC-BY-3.0-AT",
        "CC-BY-3.0-AU",
        "CC-BY-3.0-DE",
        "CC-BY-3.0-IGO",
        "CC-BY-3.0-NL",
        "CC-BY-3.0-US",
        "CC-BY-4.0",
        "CC-BY-NC-1.0",
        "CC-BY-NC-2.0",
        "CC-BY-NC-2.5",
        "CC-BY-NC-3.0",
        "CC-BY-NC-3.0-DE",
        "CC-BY-NC-3.0-IGO",
        "CC-BY-NC-4.0",
        "CC-BY-NC-ND-1.0",
        "CC-BY-NC-ND-2.0",
        "CC-BY-NC-ND-2.5",
        "CC-BY-NC-ND-3.0",
        "CC-BY-NC-ND-3.0-DE",
        "CC-BY-NC-ND-3.0-IGO",
        "CC-BY-NC-ND-4.0",
        "CC-BY-NC-SA-1.0",
        "CC-BY-NC-SA-2.0",
        "CC-BY-NC-SA-2.0-DE",
        "CC-BY-NC-SA-2.0-FR",
        "CC-BY-NC-SA-2.0-UK",
        "CC-BY-NC-SA-2.5",
        "CC-BY-NC-SA-3.0",
        "CC-BY-NC-SA-3.0-DE",
        "CC-BY-NC-SA-3.0-IGO",
        "CC-BY-NC-SA-4.0",
        "CC-BY-ND-1.0",
        "CC-BY-ND-2.0",
        "CC-BY-ND-2.5",
        "CC-BY-ND-3.0",
        "CC-BY-ND-3.0-DE",
        "CC-BY-ND-4.0",
        "CC-BY-SA-1.0",
        "CC-BY-SA-2.0",
        "CC-BY-SA-2.0-UK",
        "CC-BY-SA-2.1-JP",
        "CC-BY-SA-2.5",
        "CC-BY-SA-3.0",
        "CC-BY-SA-3.0-AT",
        "CC-BY-SA-3.0-DE",
        "CC-BY-SA-3.0-IGO",
        "CC-BY-SA-4.0",
        "CC-PDDC",
        "CC-PDM-1.0",
        "CC-SA-1.0",
        "CC0-1.0",
        "CDDL-1.0",
        "CDDL-1.1",
        "CDL-1.0",
        "CDLA-Permissive-1.0",
        "CDLA-Permissive-2.0",
        "CDLA-Sharing-1.0",
        "CECILL-1.0",
        "CECILL-1.1",
        "CECILL-2.0",
        "CECILL-2.1",
        "CECILL-B",
        "CECILL-C",
        "CERN-OHL-1.1",
        "CERN-OHL-1.2",
        "CERN-OHL-P-2.0",
        "CERN-OHL-S-2.0",
        "CERN-OHL-W-2.0",
        "CFITSIO",
        "check-cvs",
        "checkmk",
        "ClArtistic",
        "Clips",
        "CMU-Mach",
        "CMU-Mach-nodoc",
        "CNRI-Jython",
        "CNRI-Python",
        "CNRI-Python-GPL-Compatible",
        "COIL-1.0",
        "Community-Spec-1.0",
        "Condor-1.1",
        "copyleft-next-0.3.0",
        "copyleft-next-0.3.1",
        "Cornell-Lossless-JPEG",
        "CPAL-1.0",
        "CPL-1.0",
        "CPOL-1.02",
        "Cronyx",
        "Crossword",
        "CryptoSwift",
        "CrystalStacker",
        "CUA-OPL-1.0",
        "Cube",
        "curl",
        "cve-tou",
        "D-FSL-1.0",
        "DEC-3-Clause",
        "diffmark",
        "DL-DE-BY-2.0",
        "DL-DE-ZERO-2.0",
        "DOC",
        "DocBook-DTD",
        "DocBook-Schema",
        "DocBook-Stylesheet",
        "DocBook-XML",
        "Dotseqn",
        "DRL-1.0",
        "DRL-1.1",
        "DSDP",
        "dtoa",
        "dvipdfm",
        "ECL-1.0",
        "ECL-2.0",
        "eCos-2.0",
        "EFL-1.0",
        "EFL-2.0",
        "eGenix",
        "Elastic-2.0",
        "Entessa",
        "EPICS",
        "EPL-1.0",
        "EPL-2.0",
        "ErlPL-1.1",
        "ESA-PL-permissive-2.4",
        "ESA-PL-strong-copyleft-2.4",
        "ESA-PL-weak-copyleft-2.4",
        "etalab-2.0",
        "EUDatagrid",
        "EUPL-1.0",
        "EUPL-1.1",
        "EUPL-1.2",
        "Eurosym",
        "Fair",
        "FBM",
        "FDK-AAC",
        "FDK-MPEG-H",
        "Ferguson-Twofish",
        "Frameworx-1.0",
        "FreeBSD-DOC",
        "FreeImage",
        "FSFAP",
        "FSFAP-no-warranty-disclaimer",
        "FSFUL",
        "FSFULLR",
        "FSFULLRSD",
        "FSFULLRWD",
        "FSL-1.1-ALv2",
        "FSL-1.1-MIT",
        "FTL",
        "Furuseth",
        "fwlw",
        "Game-Programming-Gems",
        "GCR-docs",
        "GD",
        "generic-xts",
        "GFDL-1.1",
        "GFDL-1.1-invariants-only",
        "GFDL-1.1-invariants-or-later",
        "GFDL-1.1-no-invariants-only",
        "GFDL-1.1-no-invariants-or-later",
        "GFDL-1.1-only",
        "GFDL-1.1-or-later",
        "GFDL-1.2",
        "GFDL-1.2-invariants-only",
        "GFDL-1.2-invariants-or-later",
        "GFDL-1.2-no-invariants-only",
        "GFDL-1.2-no-invariants-or-later",
        "GFDL-1.2-only",
        "GFDL-1.2-or-later",
        "GFDL-1.3",
        "GFDL-1.3-invariants-only",
        "GFDL-1.3-invariants-or-later",
        "GFDL-1.3-no-invariants-only",
        "GFDL-1.3-no-invariants-or-later",
        "GFDL-1.3-only",
        "GFDL-1.3-or-later",
        "Giftware",
        "GL2PS",
        "Glide",
        "Glulxe",
        "GLWTPL",
        "gnuplot",
        "GPL-1.0",
        "GPL-1.0+",
        "GPL-1.0-only",
        "GPL-1.0-or-later",
        "GPL-2.0",
        "GPL-2.0+",
        "GPL-2.0-only",
        "GPL-2.0-or-later",
        "GPL-2.0-with-autoconf-exception",
        "GPL-2.0-with-bison-exception",
        "GPL-2.0-with-classpath-exception",
        "GPL-2.0-with-font-exception",
        "GPL-2.0-with-GCC-exception",
        "GPL-3.0",
        "GPL-3.0+",
        "GPL-3.0-only",
        "GPL-3.0-or-later",
        "GPL-3.0-with-autoconf-exception",
        "GPL-3.0-with-GCC-exception",
        "Graphics-Gems",
        "gSOAP-1.3b",
        "gtkbook",
        "Gutmann",
        "HaskellReport",
        "HDF5",
        "hdparm",
        "HIDAPI",
        "Hippocratic-2.1",
        "Hippocratic-3.0-core",
        "HP-1986",
        "HP-1989",
        "HPND",
        "HPND-DEC",
        "HPND-doc",
        "HPND-doc-sell",
        "HPND-export-US",
        "HPND-export-US-acknowledgement",
        "HPND-export-US-modify",
        "HPND-export2-US",
        "HPND-Fenneberg-Livingston",
        "HPND-INRIA-IMAG",
        "HPND-Intel",
        "HPND-Kevlin-Henney",
        "HPND-Markus-Kuhn",
        "HPND-merchantability-variant",
        "HPND-MIT-disclaimer",
        "HPND-Netrek",
        "HPND-Pbmplus",
        "HPND-sell-MIT-disclaimer-xserver",
        "HPND-sell-regexpr",
        "HPND-sell-variant",
        "HPND-sell-variant-critical-systems",
        "HPND-sell-variant-MIT-disclaimer",
        "HPND-sell-variant-MIT-disclaimer-rev",
        "HPND-SMC",
        "HPND-UC",
        "HPND-UC-export-US",
        "HTMLTIDY",
        "hyphen-bulgarian",
        "IBM-pibs",
        "ICU",
        "IEC-Code-Components-EULA",
        "IJG",
        "IJG-short",
        "ImageMagick",
        "iMatix",
        "Imlib2",
        "Info-ZIP",
        "Informatica",
        "Inner-Net-2.0",
        "InnoSetup",
        "Intel",
        "Intel-ACPI",
        "Interbase-1.0",
        "IPA",
        "IPL-1.0",
        "ISC",
        "ISC-Veillard",
        "ISO-permission",
        "Jam",
        "JasPer-2.0",
        "jove",
        "JPL-image",
        "JPNIC",
        "JSON",
        "Kastrup",
        "Kazlib",
        "Knuth-CTAN",
        "LAL-1.2",
        "LAL-1.3",
        "Latex2e",
        "Latex2e-translated-notice",
        "Leptonica",
        "LGPL-2.0",
        "LGPL-2.0+",
        "LGPL-2.0-only",
        "LGPL-2.0-or-later",
        "LGPL-2.1",
        "LGPL-2.1+",
        "LGPL-2.1-only",
        "LGPL-2.1-or-later",
        "LGPL-3.0",
        "LGPL-3.0+",
        "LGPL-3.0-only",
        "LGPL-3.0-or-later",
        "LGPLLR",
        "Libpng",
        "libpng-1.6.35",
        "libpng-2.0",
        "libselinux-1.0",
        "libtiff",
        "libutil-David-Nugent",
        "LiLiQ-P-1.1",
        "LiLiQ-R-1.1",
        "LiLiQ-Rplus-1.1",
        "Linux-man-pages-1-para",
        "Linux-man-pages-copyleft",
        "Linux-man-pages-copyleft-2-para",
        "Linux-man-pages-copyleft-var",
        "Linux-OpenIB",
        "LOOP",
        "LPD-document",
        "LPL-1.0",
        "LPL-1.02",
        "LPPL-1.0",
        "LPPL-1.1",
        "LPPL-1.2",
        "LPPL-1.3a",
        "LPPL-1.3c",
        "lsof",
        "Lucida-Bitmap-Fonts",
        "LZMA-SDK-9.11-to-9.20",
        "LZMA-SDK-9.22",
        "Mackerras-3-Clause",
        "Mackerras-3-Clause-acknowledgment",
        "magaz",
        "mailprio",
        "MakeIndex",
        "man2html",
        "Martin-Birgmeier",
        "McPhee-slideshow",
        "metamail",
        "Minpack",
        "MIPS",
        "MirOS",
        "MIT",
        "MIT-0",
        "MIT-advertising",
        "MIT-Click",
        "MIT-CMU",
        "MIT-enna",
        "MIT-feh",
        "MIT-Festival",
        "MIT-Khronos-old",
        "MIT-Modern-Variant",
        "MIT-open-group",
        "MIT-STK",
        "MIT-testregex",
        "MIT-Wu",
        "MITNFA",
        "MMIXware",
        "MMPL-1.0.1",
        "Motosoto",
        "MPEG-SSG",
        "mpi-permissive",
        "mpich2",
        "MPL-1.0",
        "MPL-1.1",
        "MPL-2.0",
        "MPL-2.0-no-copyleft-exception",
        "mplus",
        "MS-LPL",
        "MS-PL",
        "MS-RL",
        "MTLL",
        "MulanPSL-1.0",
        "MulanPSL-2.0",
        "Multics",
        "Mup",
        "MVT-1.1",
        "NAIST-2003",
        "NASA-1.3",
        "Naumen",
        "NBPL-1.0",
        "NCBI-PD",
        "NCGL-UK-2.0",
        "NCL",
        "NCSA",
        "Net-SNMP",
        "NetCDF",
        "Newsletr",
        "NGPL",
        "ngrep",
        "NICTA-1.0",
        "NIST-PD",
        "NIST-PD-fallback",
        "NIST-PD-TNT",
        "NIST-Software",
        "NLOD-1.0",
        "NLOD-2.0",
        "NLPL",
        "Nokia",
        "NOSL",
        "Noweb",
        "NPL-1.0",
        "NPL-1.1",
        "NPOSL-3.0",
        "NRL",
        "NTIA-PD",
        "NTP",
        "NTP-0",
        "Nunit",
        "O-UDA-1.0",
        "OAR",
        "OCCT-PL",
        "OCLC-2.0",
        "ODbL-1.0",
        "ODC-By-1.0",
        "OFFIS",
        "OFL-1.0",
        "OFL-1.0-no-RFN",
        "OFL-1.0-RFN",
        "OFL-1.1",
        "OFL-1.1-no-RFN",
        "OFL-1.1-RFN",
        "OGC-1.0",
        "OGDL-Taiwan-1.0",
        "OGL-Canada-2.0",
        "OGL-UK-1.0",
        "OGL-UK-2.0",
        "OGL-UK-3.0",
        "OGTSL",
        "OLDAP-1.1",
        "OLDAP-1.2",
        "OLDAP-1.3",
        "OLDAP-1.4",
        "OLDAP-2.0",
        "OLDAP-2.0.1",
        "OLDAP-2.1",
        "OLDAP-2.2",
        "OLDAP-2.2.1",
        "OLDAP-2.2.2",
        "OLDAP-2.3",
        "OLDAP-2.4",
        "OLDAP-2.5",
        "OLDAP-2.6",
        "OLDAP-2.7",
        "OLDAP-2.8",
        "OLFL-1.3",
        "OML",
        "OpenMDW-1.0",
        "OpenPBS-2.3",
        "OpenSSL",
        "OpenSSL-standalone",
        "OpenVision",
        "OPL-1.0",
        "OPL-UK-3.0",
        "OPUBL-1.0",
        "OSC-1.0",
        "OSET-PL-2.1",
        "OSL-1.0",
        "OSL-1.1",
        "OSL-2.0",
        "OSL-2.1",
        "OSL-3.0",
        "OSSP",
        "PADL",
        "ParaType-Free-Font-1.3",
        "Parity-6.0.0",
        "Parity-7.0.0",
        "PDDL-1.0",
        "PHP-3.0",
        "PHP-3.01",
        "Pixar",
        "pkgconf",
        "Plexus",
        "pnmstitch",
        "PolyForm-Noncommercial-1.0.0",
        "PolyForm-Small-Business-1.0.0",
        "PostgreSQL",
        "PPL",
        "PSF-2.0",
        "psfrag",
        "psutils",
        "Python-2.0",
        "Python-2.0.1",
        "python-ldap",
        "Qhull",
        "QPL-1.0",
        "QPL-1.0-INRIA-2004",
        "radvd",
        "Rdisc",
        "RHeCos-1.1",
        "RPL-1.1",
        "RPL-1.5",
        "RPSL-1.0",
        "RSA-MD",
        "RSCPL",
        "Ruby",
        "Ruby-pty",
        "SAX-PD",
        "SAX-PD-2.0",
        "Saxpath",
        "SCEA",
        "SchemeReport",
        "Sendmail",
        "Sendmail-8.23",
        "Sendmail-Open-Source-1.1",
        "SGI-B-1.0",
        "SGI-B-1.1",
        "SGI-B-2.0",
        "SGI-OpenGL",
        "SGMLUG-PM",
        "SGP4",
        "SHL-0.5",
        "SHL-0.51",
        "SimPL-2.0",
        "SISSL",
        "SISSL-1.2",
        "SL",
        "Sleepycat",
        "SMAIL-GPL",
        "SMLNJ",
        "SMPPL",
        "SNIA",
        "snprintf",
        "SOFA",
        "softSurfer",
        "Soundex",
        "Spencer-86",
        "Spencer-94",
        "Spencer-99",
        "SPL-1.0",
        "ssh-keyscan",
        "SSH-OpenSSH",
        "SSH-short",
        "SSLeay-standalone",
        "SSPL-1.0",
        "StandardML-NJ",
        "SugarCRM-1.1.3",
        "SUL-1.0",
        "Sun-PPP",
        "Sun-PPP-2000",
        "SunPro",
        "SWL",
        "swrule",
        "Symlinks",
        "TAPR-OHL-1.0",
        "TCL",
        "TCP-wrappers",
        "TekHVC",
        "TermReadKey",
        "TGPPL-1.0",
        "ThirdEye",
        "threeparttable",
        "TMate",
        "TORQUE-1.1",
        "TOSL",
        "TPDL",
        "TPL-1.0",
        "TrustedQSL",
        "TTWL",
        "TTYP0",
        "TU-Berlin-1.0",
        "TU-Berlin-2.0",
        "Ubuntu-font-1.0",
        "UCAR",
        "UCL-1.0",
        "ulem",
        "UMich-Merit",
        "Unicode-3.0",
        "Unicode-DFS-2015",
        "Unicode-DFS-2016",
        "Unicode-TOU",
        "UnixCrypt",
        "Unlicense",
        "Unlicense-libtelnet",
        "Unlicense-libwhirlpool",
        "UnRAR",
        "UPL-1.0",
        "URT-RLE",
        "Vim",
        "Vixie-Cron",
        "VOSTROM",
        "VSL-1.0",
        "W3C",
        "W3C-19980720",
        "W3C-20150513",
        "w3m",
        "Watcom-1.0",
        "Widget-Workshop",
        "WordNet",
        "Wsuipa",
        "WTFNMFPL",
        "WTFPL",
        "wwl",
        "wxWindows",
        "X11",
        "X11-distribute-modifications-variant",
        "X11-no-permit-persons",
        "X11-swapped",
        "Xdebug-1.03",
        "Xerox",
        "Xfig",
        "XFree86-1.1",
        "xinetd",
        "xkeyboard-config-Zinoviev",
        "xlock",
        "Xnet",
        "xpp",
        "XSkat",
        "xzoom",
        "YPL-1.0",
        "YPL-1.1",
        "Zed",
        "Zeeff",
        "Zend-2.0",
        "Zimbra-1.3",
        "Zimbra-1.4",
        "Zlib",
        "zlib-acknowledgement",
        "ZPL-1.1",
        "ZPL-2.0",
        "ZPL-2.1",
        "389-exception",
        "Asterisk-exception",
        "Asterisk-linking-protocols-exception",
        "Autoconf-exception-2.0",
        "Autoconf-exception-3.0",
        "Autoconf-exception-generic",
        "Autoconf-exception-generic-3.0",
        "Autoconf-exception-macro",
        "Bison-exception-1.24",
        "Bison-exception-2.2",
        "Bootloader-exception",
        "CGAL-linking-exception",
        "Classpath-exception-2.0",
        "Classpath-exception-2.0-short",
        "CLISP-exception-2.0",
        "cryptsetup-OpenSSL-exception",
        "Digia-Qt-LGPL-exception-1.1",
        "DigiRule-FOSS-exception",
        "eCos-exception-2.0",
        "erlang-otp-linking-exception",
        "Fawkes-Runtime-exception",
        "FLTK-exception",
        "fmt-exception",
        "Font-exception-2.0",
        "freertos-exception-2.0",
        "GCC-exception-2.0",
        "GCC-exception-2.0-note",
        "GCC-exception-3.1",
        "Gmsh-exception",
        "GNAT-exception",
        "GNOME-examples-exception",
        "GNU-compiler-exception",
        "gnu-javamail-exception",
        "Google-Patent-WebM",
        "GPL-3.0-389-ds-base-exception",
        "GPL-3.0-interface-exception",
        "GPL-3.0-linking-exception",
        "GPL-3.0-linking-source-exception",
        "GPL-CC-1.0",
        "GStreamer-exception-2005",
        "GStreamer-exception-2008",
        "harbour-exception",
        "i2p-gpl-java-exception",
        "Independent-modules-exception",
        "KiCad-libraries-exception",
        "kvirc-openssl-exception",
        "LGPL-3.0-linking-exception",
        "libpri-OpenH323-exception",
        "Libtool-exception",
        "Linux-syscall-note",
        "LLGPL",
        "LLVM-exception",
        "LZMA-exception",
        "mif-exception",
        "mxml-exception",
        "Nokia-Qt-exception-1.1",
        "OCaml-LGPL-linking-exception",
        "OCCT-exception-1.0",
        "OpenJDK-assembly-exception-1.0",
        "openvpn-openssl-exception",
        "PCRE2-exception",
        "polyparse-exception",
        "PS-or-PDF-font-exception-20170817",
        "QPL-1.0-INRIA-2004-exception",
        "Qt-GPL-exception-1.0",
        "Qt-LGPL-exception-1.1",
        "Qwt-exception-1.0",
        "romic-exception",
        "RRDtool-FLOSS-exception-2.0",
        "rsync-linking-exception",
        "SANE-exception",
        "SHL-2.0",
        "SHL-2.1",
        "Simple-Library-Usage-exception",
        "Spelling-Provider-LGPL-exception",
        "sqlitestudio-OpenSSL-exception",
        "stunnel-exception",
        "SWI-exception",
        "Swift-exception",
        "Texinfo-exception",
        "u-boot-exception-2.0",
        "UBDL-exception",
        "Universal-FOSS-exception-1.0",
        "vsftpd-openssl-exception",
        "WxWindows-exception-3.1",
        "x11vnc-openssl-exception"
      ],
      "meta:enum": {
        "0BSD": "BSD Zero Clause License",
        "3D-Slicer-1.0": "3D Slicer License v1.0",
        AAL: "Attribution Assurance License",
        Abstyles: "Abstyles License",
        "AdaCore-doc": "AdaCore Doc License",
        "Adobe-2006": "Adobe Systems Incorporated Source Code License Agreement",
        "Adobe-Display-PostScript": "Adobe Display PostScript License",
        "Adobe-Glyph": "Adobe Glyph List License",
        "Adobe-Utopia": "Adobe Utopia Font License",
        ADSL: "Amazon Digital Services License",
        "Advanced-Cryptics-Dictionary": "Advanced Cryptics Dictionary License",
        "AFL-1.1": "Academic Free License v1.1",
        "AFL-1.2": "Academic Free License v1.2",
        "AFL-2.0": "Academic Free License v2.0",
        "AFL-2.1": "Academic Free License v2.1",
        "AFL-3.0": "Academic Free License v3.0",
        Afmparse: "Afmparse License",
        "AGPL-1.0": "Affero General Public License v1.0",
        "AGPL-1.0-only": "Affero General Public License v1.0 only",
        "AGPL-1.0-or-later": "Affero General Public License v1.0 or later",
        "AGPL-3.0": "GNU Affero General Public License v3.0",
        "AGPL-3.0-only": "GNU Affero General Public License v3.0 only",
        "AGPL-3.0-or-later": "GNU Affero General Public License v3.0 or later",
        Aladdin: "Aladdin Free Public License",
        "ALGLIB-Documentation": "ALGLIB Documentation License",
        "AMD-newlib": "AMD newlib License",
        AMDPLPA: "AMD's plpa_map.c License",
        AML: "Apple MIT License",
        "AML-glslang": "AML glslang variant License",
        AMPAS: "Academy of Motion Picture Arts and Sciences BSD",
        "ANTLR-PD": "ANTLR Software Rights Notice",
        "ANTLR-PD-fallback": "ANTLR Software Rights Notice with license fallback",
        "any-OSI": "Any OSI License",
        "any-OSI-perl-modules": "Any OSI License - Perl Modules",
        "Apache-1.0": "Apache License 1.0",
        "Apache-1.1": "Apache License 1.1",
        "Apache-2.0": "Apache License 2.0",
        APAFML: "Adobe Postscript AFM License",
        "APL-1.0": "Adaptive Public License 1.0",
        "App-s2p": "App::s2p License",
        "APSL-1.0": "Apple Public Source License 1.0",
        "APSL-1.1": "Apple Public Source License 1.1",
        "APSL-1.2": "Apple Public Source License 1.2",
        "APSL-2.0": "Apple Public Source License 2.0",
        "Arphic-1999": "Arphic Public License",
        "Artistic-1.0": "Artistic License 1.0",
        "Artistic-1.0-cl8": "Artistic License 1.0 w/clause 8",
        "Artistic-1.0-Perl": "Artistic License 1.0 (Perl)",
        "Artistic-2.0": "Artistic License 2.0",
        "Artistic-dist": "Artistic License 1.0 (dist)",
        "Aspell-RU": "Aspell Russian License",
        "ASWF-Digital-Assets-1.0": "ASWF Digital Assets License version 1.0",
        "ASWF-Digital-Assets-1.1": "ASWF Digital Assets License 1.1",
        "atc-game": "atc Game License",
        Baekmuk: "Baekmuk License",
        Bahyph: "Bahyph License",
        Barr: "Barr License",
        "bcrypt-Solar-Designer": "bcrypt Solar Designer License",
        Beerware: "Beerware License",
        "Bitstream-Charter": "Bitstream Charter Font License",
        "Bitstream-Vera": "Bitstream Vera Font License",
        "BitTorrent-1.0": "BitTorrent Open Source License v1.0",
        "BitTorrent-1.1": "BitTorrent Open Source License v1.1",
        blessing: "SQLite Blessing",
        "BlueOak-1.0.0": "Blue Oak Model License 1.0.0",
        "Boehm-GC": "Boehm-Demers-Weiser GC License",
        "Boehm-GC-without-fee": "Boehm-Demers-Weiser GC License (without fee)",
        "BOLA-1.1": "Buena Onda License Agreement v1.1",
        Borceux: "Borceux license",
        "Brian-Gladman-2-Clause": "Brian Gladman 2-Clause License",
        "Brian-Gladman-3-Clause": "Brian Gladman 3-Clause License",
        "Brian-Gladman-3-Clause-no-conversion": "Brian Gladman 3-Clause License (no conversion clause)",
        "BSD-1-Clause": "BSD 1-Clause License",
        "BSD-2-Clause": 'BSD 2-Clause "Simplified" License',
        "BSD-2-Clause-Darwin": "BSD 2-Clause - Ian Darwin variant",
        "BSD-2-Clause-first-lines": "BSD 2-Clause - first lines requirement",
        "BSD-2-Clause-FreeBSD": "BSD 2-Clause FreeBSD License",
        "BSD-2-Clause-NetBSD": "BSD 2-Clause NetBSD License",
        "BSD-2-Clause-Patent": "BSD-2-Clause Plus Patent License",
        "BSD-2-Clause-pkgconf-disclaimer": "BSD 2-Clause pkgconf disclaimer variant",
        "BSD-2-Clause-pos-unchanged": "BSD 2-Clause - position unchanged variant",
        "BSD-2-Clause-Views": "BSD 2-Clause with views sentence",
        "BSD-3-Clause": 'BSD 3-Clause "New" or "Revised" License',
        "BSD-3-Clause-acpica": "BSD 3-Clause acpica variant",
        "BSD-3-Clause-Attribution": "BSD with attribution",
        "BSD-3-Clause-Clear": "BSD 3-Clause Clear License",
        "BSD-3-Clause-flex": "BSD 3-Clause Flex variant",
        "BSD-3-Clause-HP": "Hewlett-Packard BSD variant license",
        "BSD-3-Clause-LBNL": "Lawrence Berkeley National Labs BSD variant license",
        "BSD-3-Clause-Modification": "BSD 3-Clause Modification",
        "BSD-3-Clause-No-Military-License": "BSD 3-Clause No Military License",
        "BSD-3-Clause-No-Nuclear-License": "BSD 3-Clause No Nuclear License",
        "BSD-3-Clause-No-Nuclear-License-2014": "BSD 3-Clause No Nuclear License 2014",
        "BSD-3-Clause-No-Nuclear-Warranty": "BSD 3-Clause No Nuclear Warranty",
        "BSD-3-Clause-Open-MPI": "BSD 3-Clause Open MPI variant",
        "BSD-3-Clause-OpenWebUI": "BSD 3-Clause - OpenWebUI variant",
        "BSD-3-Clause-Sun": "BSD 3-Clause Sun Microsystems",
        "BSD-3-Clause-Tso": "BSD 3-Clause Tso variant",
        "BSD-4-Clause": 'BSD 4-Clause "Original" or "Old" License',
        "BSD-4-Clause-Shortened": "BSD 4 Clause Shortened",
        "BSD-4-Clause-UC": "BSD-4-Clause (University of California-Specific)",
        "BSD-4.3RENO": "BSD 4.3 RENO License",
        "BSD-4.3TAHOE": "BSD 4.3 TAHOE License",
        "BSD-Advertising-Acknowledgement": "BSD Advertising Acknowledgement License",
        "BSD-ask-to-endorse": "BSD - ask to endorse",
        "BSD-Attribution-HPND-disclaimer": "BSD with Attribution and HPND disclaimer",
        "BSD-Inferno-Nettverk": "BSD-Inferno-Nettverk",
        "BSD-Mark-Modifications": "BSD Mark Modifications License",
        "BSD-Protection": "BSD Protection License",
        "BSD-Source-alt-GPL": "BSD Source Code Attribution - GPL alternative",
        "BSD-Source-beginning-file": "BSD Source Code Attribution - beginning of file variant",
        "BSD-Source-Code": "BSD Source Code Attribution",
        "BSD-Source-Code-no-disclaimer": "BSD Source Code Attribution - no disclaimer",
        "BSD-Systemics": "Systemics BSD variant license",
        "BSD-Systemics-W3Works": "Systemics W3Works BSD variant license",
        "BSL-1.0": "Boost Software License 1.0",
        Buddy: "Buddy License",
        Bugroff: "Bugroff License",
        "BUSL-1.1": "Business Source License 1.1",
        "bzip2-1.0.5": "bzip2 and libbzip2 License v1.0.5",
        "bzip2-1.0.6": "bzip2 and libbzip2 License v1.0.6",
        "C-UDA-1.0": "Computational Use of Data Agreement v1.0",
        "CAL-1.0": "Cryptographic Autonomy License 1.0",
        "CAL-1.0-Combined-Work-Exception": "Cryptographic Autonomy License 1.0 (Combined Work Exception)",
        Caldera: "Caldera License",
        "Caldera-no-preamble": "Caldera License (without preamble)",
        "CAPEC-tou": "Common Attack    Pattern Enumeration and Classification License",
        Catharon: "Catharon License",
        "CATOSL-1.1": "Computer Associates Trusted Open Source License 1.1",
        "CC-BY-1.0": "Creative Commons Attribution 1.0 Generic",
        "CC-BY-2.0": "Creative Commons Attribution 2.0 Generic",
        "CC-BY-2.5": "Creative Commons Attribution 2.5 Generic",
        "CC-BY-2.5-AU": "Creative Commons Attribution 2.5 Australia",
        "CC-BY-3.0": "Creative Commons Attribution 3.0 Unported",
        "CC-BY-3.0-AT": "Creative Commons Attribution 3.0 Austria",
        "CC-BY-3.0-AU": "Creative Commons Attribution 3.0 Australia",
        "CC-BY-3.0-DE": "Creative Commons Attribution 3.0 Germany",
        "CC-BY-3.0-IGO": "Creative Commons Attribution 3.0 IGO",
        "CC-BY-3.0-NL": "Creative Commons Attribution 3.0 Netherlands",
        "CC-BY-3.0-US": "Creative Commons Attribution 3.0 United States",
        "CC-BY-4.0": "Creative Commons Attribution 4.0 International",
        "CC-BY-NC-1.0": "Creative Commons Attribution Non Commercial 1.0 Generic",
        "CC-BY-NC-2.0": "Creative Commons Attribution Non Commercial 2.0 Generic",
        "CC-BY-NC-2.5": "Creative Commons Attribution Non Commercial 2.5 Generic",
        "CC-BY-NC-3.0": "Creative Commons Attribution Non Commercial 3.0 Unported",
        "CC-BY-NC-3.0-DE": "Creative Commons Attribution Non Commercial 3.0 Germany",
        "CC-BY-NC-3.0-IGO": "Creative Commons Attribution Non Commercial 3.0 IGO",
        "CC-BY-NC-4.0": "Creative Commons Attribution Non Commercial 4.0 International",
        "CC-BY-NC-ND-1.0": "Creative Commons Attribution Non Commercial No Derivatives 1.0 Generic",
        "CC-BY-NC-ND-2.0": "Creative Commons Attribution Non Commercial No Derivatives 2.0 Generic",
        "CC-BY-NC-ND-2.5": "Creative Commons Attribution Non Commercial No Derivatives 2.5 Generic",
        "CC-BY-NC-ND-3.0": "Creative Commons Attribution Non Commercial No Derivatives 3.0 Unported",
        "CC-BY-NC-ND-3.0-DE": "Creative Commons Attribution Non Commercial No Derivatives 3.0 Germany",
        "CC-BY-NC-ND-3.0-IGO": "Creative Commons Attribution Non Commercial No Derivatives 3.0 IGO",
        "CC-BY-NC-ND-4.0": "Creative Commons Attribution Non Commercial No Derivatives 4.0 International",
        "CC-BY-NC-SA-1.0": "Creative Commons Attribution Non Commercial Share Alike 1.0 Generic",
        "CC-BY-NC-SA-2.0": "Creative Commons Attribution Non Commercial Share Alike 2.0 Generic",
        "CC-BY-NC-SA-2.0-DE": "Creative Commons Attribution Non Commercial Share Alike 2.0 Germany",
        "CC-BY-NC-SA-2.0-FR": "Creative Commons Attribution-NonCommercial-ShareAlike 2.0 France",
        "CC-BY-NC-SA-2.0-UK": "Creative Commons Attribution Non Commercial Share Alike 2.0 England and Wales",
        "CC-BY-NC-SA-2.5": "Creative Commons Attribution Non Commercial Share Alike 2.5 Generic",
        "CC-BY-NC-SA-3.0": "Creative Commons Attribution Non Commercial Share Alike 3.0 Unported",
        "CC-BY-NC-SA-3.0-DE": "Creative Commons Attribution Non Commercial Share Alike 3.0 Germany",
        "CC-BY-NC-SA-3.0-IGO": "Creative Commons Attribution Non Commercial Share Alike 3.0 IGO",
        "CC-BY-NC-SA-4.0": "Creative Commons Attribution Non Commercial Share Alike 4.0 International",
        "CC-BY-ND-1.0": "Creative Commons Attribution No Derivatives 1.0 Generic",
        "CC-BY-ND-2.0": "Creative Commons Attribution No Derivatives 2.0 Generic",
        "CC-BY-ND-2.5": "Creative Commons Attribution No Derivatives 2.5 Generic",
        "CC-BY-ND-3.0": "Creative Commons Attribution No Derivatives 3.0 Unported",
        "CC-BY-ND-3.0-DE": "Creative Commons Attribution No Derivatives 3.0 Germany",
        "CC-BY-ND-4.0": "Creative Commons Attribution No Derivatives 4.0 International",
        "CC-BY-SA-1.0": "Creative Commons Attribution Share Alike 1.0 Generic",
        "CC-BY-SA-2.0": "Creative Commons Attribution Share Alike 2.0 Generic",
        "CC-BY-SA-2.0-UK": "Creative Commons Attribution Share Alike 2.0 England and Wales",
        "CC-BY-SA-2.1-JP": "Creative Commons Attribution Share Alike 2.1 Japan",
        "CC-BY-SA-2.5": "Creative Commons Attribution Share Alike 2.5 Generic",
        "CC-BY-SA-3.0": "Creative Commons Attribution Share Alike 3.0 Unported",
        "CC-BY-SA-3.0-AT": "Creative Commons Attribution Share Alike 3.0 Austria",
        "CC-BY-SA-3.0-DE": "Creative Commons Attribution Share Alike 3.0 Germany",
        "CC-BY-SA-3.0-IGO": "Creative Commons Attribution-ShareAlike 3.0 IGO",
        "CC-BY-SA-4.0": "Creative Commons Attribution Share Alike 4.0 International",
        "CC-PDDC": "Creative Commons Public Domain Dedication and Certification",
        "CC-PDM-1.0": "Creative    Commons Public Domain Mark 1.0 Universal",
        "CC-SA-1.0": "Creative Commons Share Alike 1.0 Generic",
        "CC0-1.0": "Creative Commons Zero v1.0 Universal",
        "CDDL-1.0": "Common Development and Distribution License 1.0",
        "CDDL-1.1": "Common Development and Distribution License 1.1",
        "CDL-1.0": "Common Documentation License 1.0",
        "CDLA-Permissive-1.0": "Community Data License Agreement Permissive 1.0",
        "CDLA-Permissive-2.0": "Community Data License Agreement Permissive 2.0",
        "CDLA-Sharing-1.0": "Community Data License Agreement Sharing 1.0",
        "CECILL-1.0": "CeCILL Free Software License Agreement v1.0",
        "CECILL-1.1": "CeCILL Free Software License Agreement v1.1",
        "CECILL-2.0": "CeCILL Free Software License Agreement v2.0",
        "CECILL-2.1": "CeCILL Free Software License Agreement v2.1",
        "CECILL-B": "CeCILL-B Free Software License Agreement",
        "CECILL-C": "CeCILL-C Free Software License Agreement",
        "CERN-OHL-1.1": "CERN Open Hardware Licence v1.1",
        "CERN-OHL-1.2": "CERN Open Hardware Licence v1.2",
        "CERN-OHL-P-2.0": "CERN Open Hardware Licence Version 2 - Permissive",
        "CERN-OHL-S-2.0": "CERN Open Hardware Licence Version 2 - Strongly Reciprocal",
        "CERN-OHL-W-2.0": "CERN Open Hardware Licence Version 2 - Weakly Reciprocal",
        CFITSIO: "CFITSIO License",
        "check-cvs": "check-cvs License",
        checkmk: "Checkmk License",
        ClArtistic: "Clarified Artistic License",
        Clips: "Clips License",
        "CMU-Mach": "CMU Mach License",
        "CMU-Mach-nodoc": "CMU    Mach - no notices-in-documentation variant",
        "CNRI-Jython": "CNRI Jython License",
        "CNRI-Python": "CNRI Python License",
        "CNRI-Python-GPL-Compatible": "CNRI Python Open Source GPL Compatible License Agreement",
        "COIL-1.0": "Copyfree Open Innovation License",
        "Community-Spec-1.0": "Community Specification License 1.0",
        "Condor-1.1": "Condor Public License v1.1",
        "copyleft-next-0.3.0": "copyleft-next 0.3.0",
        "copyleft-next-0.3.1": "copyleft-next 0.3.1",
        "Cornell-Lossless-JPEG": "Cornell Lossless JPEG License",
        "CPAL-1.0": "Common Public Attribution License 1.0",
        "CPL-1.0": "Common Public License 1.0",
        "CPOL-1.02": "Code Project Open License 1.02",
        Cronyx: "Cronyx License",
        Crossword: "Crossword License",
        CryptoSwift: "CryptoSwift License",
        CrystalStacker: "CrystalStacker License",
        "CUA-OPL-1.0": "CUA Office Public License v1.0",
        Cube: "Cube License",
        curl: "curl License",
        "cve-tou": "Common Vulnerability Enumeration ToU License",
        "D-FSL-1.0": "Deutsche Freie Software Lizenz",
        "DEC-3-Clause": "DEC 3-Clause License",
        diffmark: "diffmark license",
        "DL-DE-BY-2.0": "Data licence Germany – attribution – version 2.0",
        "DL-DE-ZERO-2.0": "Data licence Germany – zero – version 2.0",
        DOC: "DOC License",
        "DocBook-DTD": "DocBook DTD License",
        "DocBook-Schema": "DocBook Schema License",
        "DocBook-Stylesheet": "DocBook Stylesheet License",
        "DocBook-XML": "DocBook XML License",
        Dotseqn: "Dotseqn License",
        "DRL-1.0": "Detection Rule License 1.0",
        "DRL-1.1": "Detection Rule License 1.1",
        DSDP: "DSDP License",
        dtoa: "David M. Gay dtoa License",
        dvipdfm: "dvipdfm License",
        "ECL-1.0": "Educational Community License v1.0",
        "ECL-2.0": "Educational Community License v2.0",
        "eCos-2.0": "eCos license version 2.0",
        "EFL-1.0": "Eiffel Forum License v1.0",
        "EFL-2.0": "Eiffel Forum License v2.0",
        eGenix: "eGenix.com Public License 1.1.0",
        "Elastic-2.0": "Elastic License 2.0",
        Entessa: "Entessa Public License v1.0",
        EPICS: "EPICS Open License",
        "EPL-1.0": "Eclipse Public License 1.0",
        "EPL-2.0": "Eclipse Public License 2.0",
        "ErlPL-1.1": "Erlang Public License v1.1",
        "ESA-PL-permissive-2.4": "European Space Agency Public License – v2.4 – Permissive (Type 3)",
        "ESA-PL-strong-copyleft-2.4": "European Space Agency Public License (ESA-PL) - V2.4 - Strong Copyleft (Type 1)",
        "ESA-PL-weak-copyleft-2.4": "European Space Agency Public License – v2.4 – Weak Copyleft (Type 2)",
        "etalab-2.0": "Etalab Open License 2.0",
        EUDatagrid: "EU DataGrid Software License",
        "EUPL-1.0": "European Union Public License 1.0",
        "EUPL-1.1": "European Union Public License 1.1",
        "EUPL-1.2": "European Union Public License 1.2",
        Eurosym: "Eurosym License",
        Fair: "Fair License",
        FBM: "Fuzzy Bitmap License",
        "FDK-AAC": "Fraunhofer FDK AAC Codec Library",
        "FDK-MPEG-H": "Fraunhofer FDK MPEG-H Software",
        "Ferguson-Twofish": "Ferguson Twofish License",
        "Frameworx-1.0": "Frameworx Open License 1.0",
        "FreeBSD-DOC": "FreeBSD Documentation License",
        FreeImage: "FreeImage Public License v1.0",
        FSFAP: "FSF All Permissive License",
        "FSFAP-no-warranty-disclaimer": "FSF All Permissive License (without Warranty)",
        FSFUL: "FSF Unlimited License",
        FSFULLR: "FSF Unlimited License (with License Retention)",
        FSFULLRSD: "FSF Unlimited License (with License Retention and Short Disclaimer)",
        FSFULLRWD: "FSF Unlimited License (With License Retention and Warranty Disclaimer)",
        "FSL-1.1-ALv2": "Functional Source License, Version 1.1, ALv2 Future License",
        "FSL-1.1-MIT": "Functional Source License, Version 1.1, MIT Future License",
        FTL: "Freetype Project License",
        Furuseth: "Furuseth License",
        fwlw: "fwlw License",
        "Game-Programming-Gems": "Game Programming Gems License",
        "GCR-docs": "Gnome GCR Documentation License",
        GD: "GD License",
        "generic-xts": "Generic XTS License",
        "GFDL-1.1": "GNU Free Documentation License v1.1",
        "GFDL-1.1-invariants-only": "GNU Free Documentation License v1.1 only - invariants",
        "GFDL-1.1-invariants-or-later": "GNU Free Documentation License v1.1 or later - invariants",
        "GFDL-1.1-no-invariants-only": "GNU Free Documentation License v1.1 only - no invariants",
        "GFDL-1.1-no-invariants-or-later": "GNU Free Documentation License v1.1 or later - no invariants",
        "GFDL-1.1-only": "GNU Free Documentation License v1.1 only",
        "GFDL-1.1-or-later": "GNU Free Documentation License v1.1 or later",
        "GFDL-1.2": "GNU Free Documentation License v1.2",
        "GFDL-1.2-invariants-only": "GNU Free Documentation License v1.2 only - invariants",
        "GFDL-1.2-invariants-or-later": "GNU Free Documentation License v1.2 or later - invariants",
        "GFDL-1.2-no-invariants-only": "GNU Free Documentation License v1.2 only - no invariants",
        "GFDL-1.2-no-invariants-or-later": "GNU Free Documentation License v1.2 or later - no invariants",
        "GFDL-1.2-only": "GNU Free Documentation License v1.2 only",
        "GFDL-1.2-or-later": "GNU Free Documentation License v1.2 or later",
        "GFDL-1.3": "GNU Free Documentation License v1.3",
        "GFDL-1.3-invariants-only": "GNU Free Documentation License v1.3 only - invariants",
        "GFDL-1.3-invariants-or-later": "GNU Free Documentation License v1.3 or later - invariants",
        "GFDL-1.3-no-invariants-only": "GNU Free Documentation License v1.3 only - no invariants",
        "GFDL-1.3-no-invariants-or-later": "GNU Free Documentation License v1.3 or later - no invariants",
        "GFDL-1.3-only": "GNU Free Documentation License v1.3 only",
        "GFDL-1.3-or-later": "GNU Free Documentation License v1.3 or later",
        Giftware: "Giftware License",
        GL2PS: "GL2PS License",
        Glide: "3dfx Glide License",
        Glulxe: "Glulxe License",
        GLWTPL: "Good Luck With That Public License",
        gnuplot: "gnuplot License",
        "GPL-1.0": "GNU General Public License v1.0 only",
        "GPL-1.0+": "GNU General Public License v1.0 or later",
        "GPL-1.0-only": "GNU General Public License v1.0 only",
        "GPL-1.0-or-later": "GNU General Public License v1.0 or later",
        "GPL-2.0": "GNU General Public License v2.0 only",
        "GPL-2.0+": "GNU General Public License v2.0 or later",
        "GPL-2.0-only": "GNU General Public License v2.0 only",
        "GPL-2.0-or-later": "GNU General Public License v2.0 or later",
        "GPL-2.0-with-autoconf-exception": "GNU General Public License v2.0 w/Autoconf exception",
        "GPL-2.0-with-bison-exception": "GNU General Public License v2.0 w/Bison exception",
        "GPL-2.0-with-classpath-exception": "GNU General Public License v2.0 w/Classpath exception",
        "GPL-2.0-with-font-exception": "GNU General Public License v2.0 w/Font exception",
        "GPL-2.0-with-GCC-exception": "GNU General Public License v2.0 w/GCC Runtime Library exception",
        "GPL-3.0": "GNU General Public License v3.0 only",
        "GPL-3.0+": "GNU General Public License v3.0 or later",
        "GPL-3.0-only": "GNU General Public License v3.0 only",
        "GPL-3.0-or-later": "GNU General Public License v3.0 or later",
        "GPL-3.0-with-autoconf-exception": "GNU General Public License v3.0 w/Autoconf exception",
        "GPL-3.0-with-GCC-exception": "GNU General Public License v3.0 w/GCC Runtime Library exception",
        "Graphics-Gems": "Graphics Gems License",
        "gSOAP-1.3b": "gSOAP Public License v1.3b",
        gtkbook: "gtkbook License",
        Gutmann: "Gutmann License",
        HaskellReport: "Haskell Language Report License",
        HDF5: "HDF5 License",
        hdparm: "hdparm License",
        HIDAPI: "HIDAPI License",
        "Hippocratic-2.1": "Hippocratic License 2.1",
        "Hippocratic-3.0-core": "Hippocratic License 3.0",
        "HP-1986": "Hewlett-Packard 1986 License",
        "HP-1989": "Hewlett-Packard 1989 License",
        HPND: "Historical Permission Notice and Disclaimer",
        "HPND-DEC": "Historical Permission Notice and Disclaimer - DEC variant",
        "HPND-doc": "Historical Permission Notice and Disclaimer - documentation variant",
        "HPND-doc-sell": "Historical Permission Notice and Disclaimer - documentation sell variant",
        "HPND-export-US": "HPND with US Government export control warning",
        "HPND-export-US-acknowledgement": "HPND with US Government export control warning and acknowledgment",
        "HPND-export-US-modify": "HPND with US Government export control warning and modification rqmt",
        "HPND-export2-US": "HPND with US Government export control and 2 disclaimers",
        "HPND-Fenneberg-Livingston": "Historical Permission Notice and Disclaimer - Fenneberg-Livingston variant",
        "HPND-INRIA-IMAG": "Historical Permission Notice and Disclaimer    - INRIA-IMAG variant",
        "HPND-Intel": "Historical Permission Notice and Disclaimer - Intel variant",
        "HPND-Kevlin-Henney": "Historical Permission Notice and Disclaimer - Kevlin Henney variant",
        "HPND-Markus-Kuhn": "Historical Permission Notice and Disclaimer - Markus Kuhn variant",
        "HPND-merchantability-variant": "Historical Permission Notice and Disclaimer - merchantability variant",
        "HPND-MIT-disclaimer": "Historical Permission Notice and Disclaimer with MIT disclaimer",
        "HPND-Netrek": "Historical Permission Notice and Disclaimer - Netrek variant",
        "HPND-Pbmplus": "Historical Permission Notice and Disclaimer - Pbmplus variant",
        "HPND-sell-MIT-disclaimer-xserver": "Historical Permission Notice and Disclaimer - sell xserver variant with MIT disclaimer",
        "HPND-sell-regexpr": "Historical Permission Notice and Disclaimer - sell regexpr variant",
        "HPND-sell-variant": "Historical Permission Notice and Disclaimer - sell variant",
        "HPND-sell-variant-critical-systems": "HPND - sell variant with safety critical systems clause",
        "HPND-sell-variant-MIT-disclaimer": "HPND sell variant with MIT disclaimer",
        "HPND-sell-variant-MIT-disclaimer-rev": "HPND sell variant with MIT disclaimer - reverse",
        "HPND-SMC": "Historical Permission Notice and Disclaimer - SMC variant",
        "HPND-UC": "Historical Permission Notice and Disclaimer - University of California variant",
        "HPND-UC-export-US": "Historical Permission Notice and Disclaimer - University of California, US export warning",
        HTMLTIDY: "HTML Tidy License",
        "hyphen-bulgarian": "hyphen-bulgarian License",
        "IBM-pibs": "IBM PowerPC Initialization and Boot Software",
        ICU: "ICU License",
        "IEC-Code-Components-EULA": "IEC    Code Components End-user licence agreement",
        IJG: "Independent JPEG Group License",
        "IJG-short": "Independent JPEG Group License - short",
        ImageMagick: "ImageMagick License",
        iMatix: "iMatix Standard Function Library Agreement",
        Imlib2: "Imlib2 License",
        "Info-ZIP": "Info-ZIP License",
        Informatica: "Informatica License",
        "Inner-Net-2.0": "Inner Net License v2.0",
        InnoSetup: "Inno Setup License",
        Intel: "Intel Open Source License",
        "Intel-ACPI": "Intel ACPI Software License Agreement",
        "Interbase-1.0": "Interbase Public License v1.0",
        IPA: "IPA Font License",
        "IPL-1.0": "IBM Public License v1.0",
        ISC: "ISC License",
        "ISC-Veillard": "ISC Veillard variant",
        "ISO-permission": "ISO permission notice",
        Jam: "Jam License",
        "JasPer-2.0": "JasPer License",
        jove: "Jove License",
        "JPL-image": "JPL Image Use Policy",
        JPNIC: "Japan Network Information Center License",
        JSON: "JSON License",
        Kastrup: "Kastrup License",
        Kazlib: "Kazlib License",
        "Knuth-CTAN": "Knuth CTAN License",
        "LAL-1.2": "Licence Art Libre 1.2",
        "LAL-1.3": "Licence Art Libre 1.3",
        Latex2e: "Latex2e License",
        "Latex2e-translated-notice": "Latex2e with translated notice permission",
        Leptonica: "Leptonica License",
        "LGPL-2.0": "GNU Library General Public License v2 only",
        "LGPL-2.0+": "GNU Library General Public License v2 or later",
        "LGPL-2.0-only": "GNU Library General Public License v2 only",
        "LGPL-2.0-or-later": "GNU Library General Public License v2 or later",
        "LGPL-2.1": "GNU Lesser General Public License v2.1 only",
        "LGPL-2.1+": "GNU Lesser General Public License v2.1 or later",
        "LGPL-2.1-only": "GNU Lesser General Public License v2.1 only",
        "LGPL-2.1-or-later": "GNU Lesser General Public License v2.1 or later",
        "LGPL-3.0": "GNU Lesser General Public License v3.0 only",
        "LGPL-3.0+": "GNU Lesser General Public License v3.0 or later",
        "LGPL-3.0-only": "GNU Lesser General Public License v3.0 only",
        "LGPL-3.0-or-later": "GNU Lesser General Public License v3.0 or later",
        LGPLLR: "Lesser General Public License For Linguistic Resources",
        Libpng: "libpng License",
        "libpng-1.6.35": "PNG Reference Library License v1 (for libpng 0.5 through 1.6.35)",
        "libpng-2.0": "PNG Reference Library version 2",
        "libselinux-1.0": "libselinux public domain notice",
        libtiff: "libtiff License",
        "libutil-David-Nugent": "libutil David Nugent License",
        "LiLiQ-P-1.1": "Licence Libre du Québec – Permissive version 1.1",
        "LiLiQ-R-1.1": "Licence Libre du Québec – Réciprocité version 1.1",
        "LiLiQ-Rplus-1.1": "Licence Libre du Québec – Réciprocité forte version 1.1",
        "Linux-man-pages-1-para": "Linux man-pages - 1 paragraph",
        "Linux-man-pages-copyleft": "Linux man-pages Copyleft",
        "Linux-man-pages-copyleft-2-para": "Linux man-pages Copyleft - 2 paragraphs",
        "Linux-man-pages-copyleft-var": "Linux man-pages Copyleft Variant",
        "Linux-OpenIB": "Linux Kernel Variant of OpenIB.org license",
        LOOP: "Common Lisp LOOP License",
        "LPD-document": "LPD Documentation License",
        "LPL-1.0": "Lucent Public License Version 1.0",
        "LPL-1.02": "Lucent Public License v1.02",
        "LPPL-1.0": "LaTeX Project Public License v1.0",
        "LPPL-1.1": "LaTeX Project Public License v1.1",
        "LPPL-1.2": "LaTeX Project Public License v1.2",
        "LPPL-1.3a": "LaTeX Project Public License v1.3a",
        "LPPL-1.3c": "LaTeX Project Public License v1.3c",
        lsof: "lsof License",
        "Lucida-Bitmap-Fonts": "Lucida Bitmap Fonts License",
        "LZMA-SDK-9.11-to-9.20": "LZMA SDK License (versions 9.11 to 9.20)",
        "LZMA-SDK-9.22": "LZMA SDK License (versions 9.22 and beyond)",
        "Mackerras-3-Clause": "Mackerras 3-Clause License",
        "Mackerras-3-Clause-acknowledgment": "Mackerras 3-Clause - acknowledgment variant",
        magaz: "magaz License",
        mailprio: "mailprio License",
        MakeIndex: "MakeIndex License",
        man2html: "man2html License",
        "Martin-Birgmeier": "Martin Birgmeier License",
        "McPhee-slideshow": "McPhee Slideshow License",
        metamail: "metamail License",
        Minpack: "Minpack License",
        MIPS: "MIPS License",
        MirOS: "The MirOS Licence",
        MIT: "MIT License",
        "MIT-0": "MIT No Attribution",
        "MIT-advertising": "Enlightenment License (e16)",
        "MIT-Click": "MIT Click License",
        "MIT-CMU": "CMU License",
        "MIT-enna": "enna License",
        "MIT-feh": "feh License",
        "MIT-Festival": "MIT Festival Variant",
        "MIT-Khronos-old": "MIT Khronos - old variant",
        "MIT-Modern-Variant": "MIT License Modern Variant",
        "MIT-open-group": "MIT Open Group variant",
        "MIT-STK": "MIT-STK License",
        "MIT-testregex": "MIT testregex Variant",
        "MIT-Wu": "MIT Tom Wu Variant",
        MITNFA: "MIT +no-false-attribs license",
        MMIXware: "MMIXware License",
        "MMPL-1.0.1": "Minecraft Mod Public License v1.0.1",
        Motosoto: "Motosoto License",
        "MPEG-SSG": "MPEG Software Simulation",
        "mpi-permissive": "mpi Permissive License",
        mpich2: "mpich2 License",
        "MPL-1.0": "Mozilla Public License 1.0",
        "MPL-1.1": "Mozilla Public License 1.1",
        "MPL-2.0": "Mozilla Public License 2.0",
        "MPL-2.0-no-copyleft-exception": "Mozilla Public License 2.0 (no copyleft exception)",
        mplus: "mplus Font License",
        "MS-LPL": "Microsoft Limited Public License",
        "MS-PL": "Microsoft Public License",
        "MS-RL": "Microsoft Reciprocal License",
        MTLL: "Matrix Template Library License",
        "MulanPSL-1.0": "Mulan Permissive Software License, Version 1",
        "MulanPSL-2.0": "Mulan Permissive Software License, Version 2",
        Multics: "Multics License",
        Mup: "Mup License",
        "MVT-1.1": "MVT License 1.1",
        "NAIST-2003": "Nara Institute of Science and Technology License (2003)",
        "NASA-1.3": "NASA Open Source Agreement 1.3",
        Naumen: "Naumen Public License",
        "NBPL-1.0": "Net Boolean Public License v1",
        "NCBI-PD": "NCBI Public Domain Notice",
        "NCGL-UK-2.0": "Non-Commercial Government Licence",
        NCL: "NCL Source Code License",
        NCSA: "University of Illinois/NCSA Open Source License",
        "Net-SNMP": "Net-SNMP License",
        NetCDF: "NetCDF license",
        Newsletr: "Newsletr License",
        NGPL: "Nethack General Public License",
        ngrep: "ngrep License",
        "NICTA-1.0": "NICTA Public Software License, Version 1.0",
        "NIST-PD": "NIST Public Domain Notice",
        "NIST-PD-fallback": "NIST Public Domain Notice with license fallback",
        "NIST-PD-TNT": "NIST    Public Domain Notice TNT variant",
        "NIST-Software": "NIST Software License",
        "NLOD-1.0": "Norwegian Licence for Open Government Data (NLOD) 1.0",
        "NLOD-2.0": "Norwegian Licence for Open Government Data (NLOD) 2.0",
        NLPL: "No Limit Public License",
        Nokia: "Nokia Open Source License",
        NOSL: "Netizen Open Source License",
        Noweb: "Noweb License",
        "NPL-1.0": "Netscape Public License v1.0",
        "NPL-1.1": "Netscape Public License v1.1",
        "NPOSL-3.0": "Non-Profit Open Software License 3.0",
        NRL: "NRL License",
        "NTIA-PD": "NTIA Public Domain Notice",
        NTP: "NTP License",
        "NTP-0": "NTP No Attribution",
        Nunit: "Nunit License",
        "O-UDA-1.0": "Open Use of Data Agreement v1.0",
        OAR: "OAR License",
        "OCCT-PL": "Open CASCADE Technology Public License",
        "OCLC-2.0": "OCLC Research Public License 2.0",
        "ODbL-1.0": "Open Data Commons Open Database License v1.0",
        "ODC-By-1.0": "Open Data Commons Attribution License v1.0",
        OFFIS: "OFFIS License",
        "OFL-1.0": "SIL Open Font License 1.0",
        "OFL-1.0-no-RFN": "SIL Open Font License 1.0 with no Reserved Font Name",
        "OFL-1.0-RFN": "SIL Open Font License 1.0 with Reserved Font Name",
        "OFL-1.1": "SIL Open Font License 1.1",
        "OFL-1.1-no-RFN": "SIL Open Font License 1.1 with no Reserved Font Name",
        "OFL-1.1-RFN": "SIL Open Font License 1.1 with Reserved Font Name",
        "OGC-1.0": "OGC Software License, Version 1.0",
        "OGDL-Taiwan-1.0": "Taiwan Open Government Data License, version 1.0",
        "OGL-Canada-2.0": "Open Government Licence - Canada",
        "OGL-UK-1.0": "Open Government Licence v1.0",
        "OGL-UK-2.0": "Open Government Licence v2.0",
        "OGL-UK-3.0": "Open Government Licence v3.0",
        OGTSL: "Open Group Test Suite License",
        "OLDAP-1.1": "Open LDAP Public License v1.1",
        "OLDAP-1.2": "Open LDAP Public License v1.2",
        "OLDAP-1.3": "Open LDAP Public License v1.3",
        "OLDAP-1.4": "Open LDAP Public License v1.4",
        "OLDAP-2.0": "Open LDAP Public License v2.0 (or possibly 2.0A and 2.0B)",
        "OLDAP-2.0.1": "Open LDAP Public License v2.0.1",
        "OLDAP-2.1": "Open LDAP Public License v2.1",
        "OLDAP-2.2": "Open LDAP Public License v2.2",
        "OLDAP-2.2.1": "Open LDAP Public License v2.2.1",
        "OLDAP-2.2.2": "Open LDAP Public License 2.2.2",
        "OLDAP-2.3": "Open LDAP Public License v2.3",
        "OLDAP-2.4": "Open LDAP Public License v2.4",
        "OLDAP-2.5": "Open LDAP Public License v2.5",
        "OLDAP-2.6": "Open LDAP Public License v2.6",
        "OLDAP-2.7": "Open LDAP Public License v2.7",
        "OLDAP-2.8": "Open LDAP Public License v2.8",
        "OLFL-1.3": "Open Logistics Foundation License Version 1.3",
        OML: "Open Market License",
        "OpenMDW-1.0": "OpenMDW License Agreement v1.0",
        "OpenPBS-2.3": "OpenPBS v2.3 Software License",
        OpenSSL: "OpenSSL License",
        "OpenSSL-standalone": "OpenSSL License - standalone",
        OpenVision: "OpenVision License",
        "OPL-1.0": "Open Public License v1.0",
        "OPL-UK-3.0": "United    Kingdom Open Parliament Licence v3.0",
        "OPUBL-1.0": "Open Publication License v1.0",
        "OSC-1.0": "OSC License 1.0",
        "OSET-PL-2.1": "OSET Public License version 2.1",
        "OSL-1.0": "Open Software License 1.0",
        "OSL-1.1": "Open Software License 1.1",
        "OSL-2.0": "Open Software License 2.0",
        "OSL-2.1": "Open Software License 2.1",
        "OSL-3.0": "Open Software License 3.0",
        OSSP: "OSSP License",
        PADL: "PADL License",
        "ParaType-Free-Font-1.3": "ParaType Free Font Licensing Agreement v1.3",
        "Parity-6.0.0": "The Parity Public License 6.0.0",
        "Parity-7.0.0": "The Parity Public License 7.0.0",
        "PDDL-1.0": "Open Data Commons Public Domain Dedication & License 1.0",
        "PHP-3.0": "PHP License v3.0",
        "PHP-3.01": "PHP License v3.01",
        Pixar: "Pixar License",
        pkgconf: "pkgconf License",
        Plexus: "Plexus Classworlds License",
        pnmstitch: "pnmstitch License",
        "PolyForm-Noncommercial-1.0.0": "PolyForm Noncommercial License 1.0.0",
        "PolyForm-Small-Business-1.0.0": "PolyForm Small Business License 1.0.0",
        PostgreSQL: "PostgreSQL License",
        PPL: "Peer Production License",
        "PSF-2.0": "Python Software Foundation License 2.0",
        psfrag: "psfrag License",
        psutils: "psutils License",
        "Python-2.0": "Python License 2.0",
        "Python-2.0.1": "Python License 2.0.1",
        "python-ldap": "Python ldap License",
        Qhull: "Qhull License",
        "QPL-1.0": "Q Public License 1.0",
        "QPL-1.0-INRIA-2004": "Q Public License 1.0 - INRIA 2004 variant",
        radvd: "radvd License",
        Rdisc: "Rdisc License",
        "RHeCos-1.1": "Red Hat eCos Public License v1.1",
        "RPL-1.1": "Reciprocal Public License 1.1",
        "RPL-1.5": "Reciprocal Public License 1.5",
        "RPSL-1.0": "RealNetworks Public Source License v1.0",
        "RSA-MD": "RSA Message-Digest License",
        RSCPL: "Ricoh Source Code Public License",
        Ruby: "Ruby License",
        "Ruby-pty": "Ruby pty extension license",
        "SAX-PD": "Sax Public Domain Notice",
        "SAX-PD-2.0": "Sax Public Domain Notice 2.0",
        Saxpath: "Saxpath License",
        SCEA: "SCEA Shared Source License",
        SchemeReport: "Scheme Language Report License",
        Sendmail: "Sendmail License",
        "Sendmail-8.23": "Sendmail License 8.23",
        "Sendmail-Open-Source-1.1": "Sendmail Open Source License v1.1",
        "SGI-B-1.0": "SGI Free Software License B v1.0",
        "SGI-B-1.1": "SGI Free Software License B v1.1",
        "SGI-B-2.0": "SGI Free Software License B v2.0",
        "SGI-OpenGL": "SGI OpenGL License",
        "SGMLUG-PM": "SGMLUG Parser Materials License",
        SGP4: "SGP4 Permission Notice",
        "SHL-0.5": "Solderpad Hardware License v0.5",
        "SHL-0.51": "Solderpad Hardware License, Version 0.51",
        "SimPL-2.0": "Simple Public License 2.0",
        SISSL: "Sun Industry Standards Source License v1.1",
        "SISSL-1.2": "Sun Industry Standards Source License v1.2",
        SL: "SL License",
        Sleepycat: "Sleepycat License",
        "SMAIL-GPL": "SMAIL General Public License",
        SMLNJ: "Standard ML of New Jersey License",
        SMPPL: "Secure Messaging Protocol Public License",
        SNIA: "SNIA Public License 1.1",
        snprintf: "snprintf License",
        SOFA: "SOFA Software License",
        softSurfer: "softSurfer License",
        Soundex: "Soundex License",
        "Spencer-86": "Spencer License 86",
        "Spencer-94": "Spencer License 94",
        "Spencer-99": "Spencer License 99",
        "SPL-1.0": "Sun Public License v1.0",
        "ssh-keyscan": "ssh-keyscan License",
        "SSH-OpenSSH": "SSH OpenSSH license",
        "SSH-short": "SSH short notice",
        "SSLeay-standalone": "SSLeay License - standalone",
        "SSPL-1.0": "Server Side Public License, v 1",
        "StandardML-NJ": "Standard ML of New Jersey License",
        "SugarCRM-1.1.3": "SugarCRM Public License v1.1.3",
        "SUL-1.0": "Sustainable Use License v1.0",
        "Sun-PPP": "Sun PPP License",
        "Sun-PPP-2000": "Sun PPP License (2000)",
        SunPro: "SunPro License",
        SWL: "Scheme Widget Library (SWL) Software License Agreement",
        swrule: "swrule License",
        Symlinks: "Symlinks License",
        "TAPR-OHL-1.0": "TAPR Open Hardware License v1.0",
        TCL: "TCL/TK License",
        "TCP-wrappers": "TCP Wrappers License",
        TekHVC: "TekHVC License",
        TermReadKey: "TermReadKey License",
        "TGPPL-1.0": "Transitive Grace Period Public Licence 1.0",
        ThirdEye: "ThirdEye License",
        threeparttable: "threeparttable License",
        TMate: "TMate Open Source License",
        "TORQUE-1.1": "TORQUE v2.5+ Software License v1.1",
        TOSL: "Trusster Open Source License",
        TPDL: "Time::ParseDate License",
        "TPL-1.0": "THOR Public License 1.0",
        TrustedQSL: "TrustedQSL License",
        TTWL: "Text-Tabs+Wrap License",
        TTYP0: "TTYP0 License",
        "TU-Berlin-1.0": "Technische Universitaet Berlin License 1.0",
        "TU-Berlin-2.0": "Technische Universitaet Berlin License 2.0",
        "Ubuntu-font-1.0": "Ubuntu Font Licence v1.0",
        UCAR: "UCAR License",
        "UCL-1.0": "Upstream Compatibility License v1.0",
        ulem: "ulem License",
        "UMich-Merit": "Michigan/Merit Networks License",
        "Unicode-3.0": "Unicode License v3",
        "Unicode-DFS-2015": "Unicode License Agreement - Data Files and Software (2015)",
        "Unicode-DFS-2016": "Unicode License Agreement - Data Files and Software (2016)",
        "Unicode-TOU": "Unicode Terms of Use",
        UnixCrypt: "UnixCrypt License",
        Unlicense: "The Unlicense",
        "Unlicense-libtelnet": "Unlicense - libtelnet variant",
        "Unlicense-libwhirlpool": "Unlicense - libwhirlpool variant",
        UnRAR: "UnRAR License",
        "UPL-1.0": "Universal Permissive License v1.0",
        "URT-RLE": "Utah Raster Toolkit Run Length Encoded License",
        Vim: "Vim License",
        "Vixie-Cron": "Vixie Cron License",
        VOSTROM: "VOSTROM Public License for Open Source",
        "VSL-1.0": "Vovida Software License v1.0",
        W3C: "W3C Software Notice and License (2002-12-31)",
        "W3C-19980720": "W3C Software Notice and License (1998-07-20)",
        "W3C-20150513": "W3C Software Notice and Document License (2015-05-13)",
        w3m: "w3m License",
        "Watcom-1.0": "Sybase Open Watcom Public License 1.0",
        "Widget-Workshop": "Widget Workshop License",
        WordNet: "WordNet License",
        Wsuipa: "Wsuipa License",
        WTFNMFPL: "Do What The F*ck You Want To But It's Not My Fault Public License",
        WTFPL: "Do What The F*ck You Want To Public License",
        wwl: "WWL License",
        wxWindows: "wxWindows Library License",
        X11: "X11 License",
        "X11-distribute-modifications-variant": "X11 License Distribution Modification Variant",
        "X11-no-permit-persons": "X11 no permit persons clause",
        "X11-swapped": "X11 swapped final paragraphs",
        "Xdebug-1.03": "Xdebug License v 1.03",
        Xerox: "Xerox License",
        Xfig: "Xfig License",
        "XFree86-1.1": "XFree86 License 1.1",
        xinetd: "xinetd License",
        "xkeyboard-config-Zinoviev": "xkeyboard-config Zinoviev License",
        xlock: "xlock License",
        Xnet: "X.Net License",
        xpp: "XPP License",
        XSkat: "XSkat License",
        xzoom: "xzoom License",
        "YPL-1.0": "Yahoo! Public License v1.0",
        "YPL-1.1": "Yahoo! Public License v1.1",
        Zed: "Zed License",
        Zeeff: "Zeeff License",
        "Zend-2.0": "Zend License v2.0",
        "Zimbra-1.3": "Zimbra Public License v1.3",
        "Zimbra-1.4": "Zimbra Public License v1.4",
        Zlib: "zlib License",
        "zlib-acknowledgement": "zlib/libpng License with Acknowledgement",
        "ZPL-1.1": "Zope Public License 1.1",
        "ZPL-2.0": "Zope Public License 2.0",
        "ZPL-2.1": "Zope Public License 2.1",
        "389-exception": "389 Directory Server Exception",
        "Asterisk-exception": "Asterisk exception",
        "Asterisk-linking-protocols-exception": "Asterisk linking protocols exception",
        "Autoconf-exception-2.0": "Autoconf exception 2.0",
        "Autoconf-exception-3.0": "Autoconf exception 3.0",
        "Autoconf-exception-generic": "Autoconf generic exception",
        "Autoconf-exception-generic-3.0": "Autoconf generic exception for GPL-3.0",
        "Autoconf-exception-macro": "Autoconf macro exception",
        "Bison-exception-1.24": "Bison exception 1.24",
        "Bison-exception-2.2": "Bison exception 2.2",
        "Bootloader-exception": "Bootloader Distribution Exception",
        "CGAL-linking-exception": "CGAL Linking Exception",
        "Classpath-exception-2.0": "Classpath exception 2.0",
        "Classpath-exception-2.0-short": "Classpath exception 2.0 - short",
        "CLISP-exception-2.0": "CLISP exception 2.0",
        "cryptsetup-OpenSSL-exception": "cryptsetup OpenSSL exception",
        "Digia-Qt-LGPL-exception-1.1": "Digia Qt LGPL Exception version 1.1",
        "DigiRule-FOSS-exception": "DigiRule FOSS License Exception",
        "eCos-exception-2.0": "eCos exception 2.0",
        "erlang-otp-linking-exception": "Erlang/OTP Linking Exception",
        "Fawkes-Runtime-exception": "Fawkes Runtime Exception",
        "FLTK-exception": "FLTK exception",
        "fmt-exception": "fmt exception",
        "Font-exception-2.0": "Font exception 2.0",
        "freertos-exception-2.0": "FreeRTOS Exception 2.0",
        "GCC-exception-2.0": "GCC Runtime Library exception 2.0",
        "GCC-exception-2.0-note": "GCC    Runtime Library exception 2.0 - note variant",
        "GCC-exception-3.1": "GCC Runtime Library exception 3.1",
        "Gmsh-exception": "Gmsh exception",
        "GNAT-exception": "GNAT exception",
        "GNOME-examples-exception": "GNOME examples exception",
        "GNU-compiler-exception": "GNU Compiler Exception",
        "gnu-javamail-exception": "GNU JavaMail exception",
        "Google-Patent-WebM": "Google Additional IP Rights Grant (Patents) - WebM",
        "GPL-3.0-389-ds-base-exception": "GPL-3.0 389 DS Base Exception",
        "GPL-3.0-interface-exception": "GPL-3.0 Interface Exception",
        "GPL-3.0-linking-exception": "GPL-3.0 Linking Exception",
        "GPL-3.0-linking-source-exception": "GPL-3.0 Linking Exception (with Corresponding Source)",
        "GPL-CC-1.0": "GPL Cooperation Commitment 1.0",
        "GStreamer-exception-2005": "GStreamer Exception (2005)",
        "GStreamer-exception-2008": "GStreamer Exception (2008)",
        "harbour-exception": "harbour exception",
        "i2p-gpl-java-exception": "i2p GPL+Java Exception",
        "Independent-modules-exception": "Independent Module Linking exception",
        "KiCad-libraries-exception": "KiCad Libraries Exception",
        "kvirc-openssl-exception": "kvirc OpenSSL Exception",
        "LGPL-3.0-linking-exception": "LGPL-3.0 Linking Exception",
        "libpri-OpenH323-exception": "libpri OpenH323 exception",
        "Libtool-exception": "Libtool Exception",
        "Linux-syscall-note": "Linux Syscall Note",
        LLGPL: "LLGPL Preamble",
        "LLVM-exception": "LLVM Exception",
        "LZMA-exception": "LZMA exception",
        "mif-exception": "Macros and Inline Functions Exception",
        "mxml-exception": "mxml Exception",
        "Nokia-Qt-exception-1.1": "Nokia Qt LGPL exception 1.1",
        "OCaml-LGPL-linking-exception": "OCaml LGPL Linking Exception",
        "OCCT-exception-1.0": "Open CASCADE Exception 1.0",
        "OpenJDK-assembly-exception-1.0": "OpenJDK Assembly exception 1.0",
        "openvpn-openssl-exception": "OpenVPN OpenSSL Exception",
        "PCRE2-exception": "PCRE2 exception",
        "polyparse-exception": "Polyparse Exception",
        "PS-or-PDF-font-exception-20170817": "PS/PDF font exception (2017-08-17)",
        "QPL-1.0-INRIA-2004-exception": "INRIA QPL 1.0 2004 variant exception",
        "Qt-GPL-exception-1.0": "Qt GPL exception 1.0",
        "Qt-LGPL-exception-1.1": "Qt LGPL exception 1.1",
        "Qwt-exception-1.0": "Qwt exception 1.0",
        "romic-exception": "Romic Exception",
        "RRDtool-FLOSS-exception-2.0": "RRDtool FLOSS exception 2.0",
        "rsync-linking-exception": "rsync Linking Exception",
        "SANE-exception": "SANE Exception",
        "SHL-2.0": "Solderpad Hardware License v2.0",
        "SHL-2.1": "Solderpad Hardware License v2.1",
        "Simple-Library-Usage-exception": "Simple Library Usage Exception",
        "Spelling-Provider-LGPL-exception": "Spelling Provider LGPL exception",
        "sqlitestudio-OpenSSL-exception": "sqlitestudio OpenSSL exception",
        "stunnel-exception": "stunnel Exception",
        "SWI-exception": "SWI exception",
        "Swift-exception": "Swift Exception",
        "Texinfo-exception": "Texinfo exception",
        "u-boot-exception-2.0": "U-Boot exception 2.0",
        "UBDL-exception": "Unmodified Binary Distribution exception",
        "Universal-FOSS-exception-1.0": "Universal FOSS Exception, Version 1.0",
        "vsftpd-openssl-exception": "vsftpd OpenSSL exception",
        "WxWindows-exception-3.1": "WxWindows Library Exception 3.1",
        "x11vnc-openssl-exception": "x11vnc OpenSSL Exception"
      }
    };
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js
var require_spdx = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spdx.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.isSupportedSpdxId = isSupportedSpdxId;
    exports.fixupSpdxId = fixupSpdxId;
    var spdx_SNAPSHOT_schema_json_1 = require_spdx_SNAPSHOT_schema(), spdxIds = new Set(spdx_SNAPSHOT_schema_json_1.enum), spdxLowerToActual = Object.freeze(Object.fromEntries(spdx_SNAPSHOT_schema_json_1.enum.map((spdxId) => [spdxId.toLowerCase(), spdxId])));
    function isSupportedSpdxId(value2) {
      return spdxIds.has(value2);
    }
    function fixupSpdxId(value2) {
      return typeof value2 == "string" && value2.length > 0 ? spdxLowerToActual[value2.toLowerCase()] : void 0;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/enums.js
var require_enums2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/enums.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Format = exports.Version = void 0;
    var Version;
    (function(Version2) {
      Version2.v1dot7 = "1.7", Version2.v1dot6 = "1.6", Version2.v1dot5 = "1.5", Version2.v1dot4 = "1.4", Version2.v1dot3 = "1.3", Version2.v1dot2 = "1.2", Version2.v1dot1 = "1.1", Version2.v1dot0 = "1.0";
    })(Version || (exports.Version = Version = {}));
    var Format;
    (function(Format2) {
      Format2.XML = "xml", Format2.JSON = "json";
    })(Format || (exports.Format = Format = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/types.js
var require_types2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.JsonSchema = void 0;
    var JsonSchema;
    (function(JsonSchema2) {
      function isIriReference(value2) {
        return typeof value2 == "string" && value2.length > 0;
      }
      JsonSchema2.isIriReference = isIriReference;
      function isIdnEmail(value2) {
        return typeof value2 == "string" && value2.length > 0;
      }
      JsonSchema2.isIdnEmail = isIdnEmail;
    })(JsonSchema || (exports.JsonSchema = JsonSchema = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/normalize.js
var require_normalize = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/normalize.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.VulnerabilityAnalysisNormalizer = exports.VulnerabilityAffectedVersionNormalizer = exports.VulnerabilityAffectNormalizer = exports.VulnerabilityCreditsNormalizer = exports.VulnerabilityAdvisoryNormalizer = exports.VulnerabilityRatingNormalizer = exports.VulnerabilityReferenceNormalizer = exports.VulnerabilitySourceNormalizer = exports.VulnerabilityNormalizer = exports.DependencyGraphNormalizer = exports.PropertyNormalizer = exports.AttachmentNormalizer = exports.ExternalReferenceNormalizer = exports.SWIDNormalizer = exports.LicenseNormalizer = exports.ComponentEvidenceNormalizer = exports.ServiceNormalizer = exports.ComponentNormalizer = exports.OrganizationalEntityNormalizer = exports.OrganizationalContactNormalizer = exports.HashNormalizer = exports.ToolsNormalizer = exports.ToolNormalizer = exports.LifecycleNormalizer = exports.MetadataNormalizer = exports.BomNormalizer = exports.Factory = void 0;
    var iterable_1 = require_iterable(), notUndefined_1 = require_notUndefined(), tree_1 = require_tree(), uri_1 = require_uri(), license_1 = require_license(), lifecycle_1 = require_lifecycle(), tool_1 = require_tool(), affect_1 = require_affect(), spdx_1 = require_spdx(), enums_1 = require_enums2(), types_1 = require_types2(), Factory = class {
      #spec;
      constructor(spec) {
        this.#spec = spec;
      }
      get spec() {
        return this.#spec;
      }
      makeForBom() {
        return new BomNormalizer(this);
      }
      makeForMetadata() {
        return new MetadataNormalizer(this);
      }
      makeForComponent() {
        return new ComponentNormalizer(this);
      }
      makeForService() {
        return new ServiceNormalizer(this);
      }
      makeForComponentEvidence() {
        return new ComponentEvidenceNormalizer(this);
      }
      makeForLifecycle() {
        return new LifecycleNormalizer(this);
      }
      makeForTool() {
        return new ToolNormalizer(this);
      }
      makeForTools() {
        return new ToolsNormalizer(this);
      }
      makeForOrganizationalContact() {
        return new OrganizationalContactNormalizer(this);
      }
      makeForOrganizationalEntity() {
        return new OrganizationalEntityNormalizer(this);
      }
      makeForHash() {
        return new HashNormalizer(this);
      }
      makeForLicense() {
        return new LicenseNormalizer(this);
      }
      makeForSWID() {
        return new SWIDNormalizer(this);
      }
      makeForExternalReference() {
        return new ExternalReferenceNormalizer(this);
      }
      makeForAttachment() {
        return new AttachmentNormalizer(this);
      }
      makeForProperty() {
        return new PropertyNormalizer(this);
      }
      makeForDependencyGraph() {
        return new DependencyGraphNormalizer(this);
      }
      makeForVulnerability() {
        return new VulnerabilityNormalizer(this);
      }
      makeForVulnerabilitySource() {
        return new VulnerabilitySourceNormalizer(this);
      }
      makeForVulnerabilityReference() {
        return new VulnerabilityReferenceNormalizer(this);
      }
      makeForVulnerabilityRating() {
        return new VulnerabilityRatingNormalizer(this);
      }
      makeForVulnerabilityAdvisory() {
        return new VulnerabilityAdvisoryNormalizer(this);
      }
      makeForVulnerabilityCredits() {
        return new VulnerabilityCreditsNormalizer(this);
      }
      makeForVulnerabilityAffect() {
        return new VulnerabilityAffectNormalizer(this);
      }
      makeForVulnerabilityAffectedVersion() {
        return new VulnerabilityAffectedVersionNormalizer(this);
      }
      makeForVulnerabilityAnalysis() {
        return new VulnerabilityAnalysisNormalizer(this);
      }
    };
    exports.Factory = Factory;
    var schemaUrl = /* @__PURE__ */ new Map([
      [enums_1.Version.v1dot7, "http://cyclonedx.org/schema/bom-1.7.schema.json"],
      [enums_1.Version.v1dot6, "http://cyclonedx.org/schema/bom-1.6.schema.json"],
      [enums_1.Version.v1dot5, "http://cyclonedx.org/schema/bom-1.5.schema.json"],
      [enums_1.Version.v1dot4, "http://cyclonedx.org/schema/bom-1.4.schema.json"],
      [enums_1.Version.v1dot3, "http://cyclonedx.org/schema/bom-1.3a.schema.json"],
      [enums_1.Version.v1dot2, "http://cyclonedx.org/schema/bom-1.2b.schema.json"]
    ]), BaseJsonNormalizer = class {
      _factory;
      constructor(factory) {
        this._factory = factory;
      }
      get factory() {
        return this._factory;
      }
    }, BomNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          $schema: schemaUrl.get(this._factory.spec.version),
          bomFormat: "CycloneDX",
          specVersion: this._factory.spec.version,
          version: data.version,
          serialNumber: this.#isEligibleSerialNumber(data.serialNumber) ? data.serialNumber : void 0,
          metadata: this._factory.makeForMetadata().normalize(data.metadata, options),
          components: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options) : [],
          services: this._factory.spec.supportsServices && data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0,
          dependencies: this._factory.spec.supportsDependencyGraph ? this._factory.makeForDependencyGraph().normalize(data, options) : void 0,
          vulnerabilities: this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0 ? this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options) : void 0
        };
      }
      #isEligibleSerialNumber(v) {
        return v !== void 0 && /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v);
      }
    };
    exports.BomNormalizer = BomNormalizer;
    var MetadataNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let orgEntityNormalizer = this._factory.makeForOrganizationalEntity();
        return {
          timestamp: data.timestamp?.toISOString(),
          lifecycles: this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0 ? this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options) : void 0,
          tools: data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options) : void 0,
          authors: data.authors.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options) : void 0,
          component: data.component === void 0 ? void 0 : this._factory.makeForComponent().normalize(data.component, options),
          manufacture: data.manufacture === void 0 ? void 0 : orgEntityNormalizer.normalize(data.manufacture, options),
          supplier: data.supplier === void 0 ? void 0 : orgEntityNormalizer.normalize(data.supplier, options),
          licenses: this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          properties: this._factory.spec.supportsMetadataProperties && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
    };
    exports.MetadataNormalizer = MetadataNormalizer;
    var LifecycleNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return data instanceof lifecycle_1.NamedLifecycle ? { name: data.name, description: data.description } : { phase: data };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((lc) => this.normalize(lc, options));
      }
    };
    exports.LifecycleNormalizer = LifecycleNormalizer;
    var ToolNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          vendor: data.vendor || void 0,
          name: data.name || void 0,
          version: data.version || void 0,
          hashes: data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          externalReferences: this._factory.spec.supportsToolReferences && data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options));
      }
    };
    exports.ToolNormalizer = ToolNormalizer;
    var ToolsNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices ? this._factory.makeForTool().normalizeIterable(new tool_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, tool_1.Tool.fromComponent), Array.from(data.services, tool_1.Tool.fromService), data.tools)), options) : {
          components: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options) : void 0,
          services: data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0
        };
      }
    };
    exports.ToolsNormalizer = ToolsNormalizer;
    var HashNormalizer = class extends BaseJsonNormalizer {
      normalize([algorithm, content], options) {
        let spec = this._factory.spec;
        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content) ? {
          alg: algorithm,
          content
        } : void 0;
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((h) => this.normalize(h, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.HashNormalizer = HashNormalizer;
    var OrganizationalContactNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name || void 0,
          email: types_1.JsonSchema.isIdnEmail(data.email) ? data.email : void 0,
          phone: data.phone || void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((oc) => this.normalize(oc, options));
      }
    };
    exports.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
    var OrganizationalEntityNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let urls = normalizeStringableIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options).filter(types_1.JsonSchema.isIriReference);
        return {
          name: data.name || void 0,
          url: urls.length > 0 ? urls : void 0,
          contact: data.contact.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((oe) => this.normalize(oe, options));
      }
    };
    exports.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
    var ComponentNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let spec = this._factory.spec;
        if (!spec.supportsComponentType(data.type))
          return;
        let version = data.version ?? "";
        return {
          type: data.type,
          name: data.name,
          group: data.group || void 0,
          version: version.length > 0 || spec.requiresComponentVersion ? version : void 0,
          "bom-ref": data.bomRef.value || void 0,
          supplier: data.supplier === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options),
          author: data.author || void 0,
          publisher: data.publisher || void 0,
          description: data.description || void 0,
          scope: data.scope,
          hashes: data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          copyright: data.copyright?.toString() || void 0,
          cpe: data.cpe || void 0,
          purl: data.purl?.toString(),
          swid: data.swid === void 0 ? void 0 : this._factory.makeForSWID().normalize(data.swid, options),
          externalReferences: data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0,
          properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0,
          components: data.components.size > 0 ? this.normalizeIterable(data.components, options) : void 0,
          evidence: spec.supportsComponentEvidence && data.evidence !== void 0 ? this._factory.makeForComponentEvidence().normalize(data.evidence, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((c) => this.normalize(c, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ComponentNormalizer = ComponentNormalizer;
    var ServiceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let spec = this._factory.spec;
        return {
          "bom-ref": data.bomRef.value || void 0,
          provider: data.provider ? this._factory.makeForOrganizationalEntity().normalize(data.provider, options) : void 0,
          group: data.group,
          name: data.name,
          version: data.version || void 0,
          description: data.description || void 0,
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          externalReferences: data.externalReferences.size > 0 ? this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options) : void 0,
          services: data.services.size > 0 ? this._factory.makeForService().normalizeIterable(data.services, options) : void 0,
          properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((s) => this.normalize(s, options));
      }
    };
    exports.ServiceNormalizer = ServiceNormalizer;
    var ComponentEvidenceNormalizer = class _ComponentEvidenceNormalizer extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          licenses: data.licenses.size > 0 ? this._factory.makeForLicense().normalizeIterable(data.licenses, options) : void 0,
          copyright: data.copyright.size > 0 ? options.sortLists ? data.copyright.sorted().map(_ComponentEvidenceNormalizer.#normalizeCopyright) : Array.from(data.copyright, _ComponentEvidenceNormalizer.#normalizeCopyright) : void 0
        };
      }
      static #normalizeCopyright(c) {
        return { text: c.toString() };
      }
    };
    exports.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
    var LicenseNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        switch (!0) {
          case data instanceof license_1.NamedLicense:
            return this.#normalizeNamedLicense(data, options);
          case data instanceof license_1.SpdxLicense:
            return (0, spdx_1.isSupportedSpdxId)(data.id) ? this.#normalizeSpdxLicense(data, options) : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
          case data instanceof license_1.LicenseExpression:
            return this.#normalizeLicenseExpression(data);
          default:
            throw new TypeError("Unexpected LicenseChoice");
        }
      }
      #normalizeNamedLicense(data, options) {
        let spec = this._factory.spec, url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          license: {
            name: data.name,
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0,
            text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
            url: types_1.JsonSchema.isIriReference(url) ? url : void 0,
            properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
          }
        };
      }
      #normalizeSpdxLicense(data, options) {
        let spec = this._factory.spec, url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          license: {
            id: data.id,
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0,
            text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
            url: types_1.JsonSchema.isIriReference(url) ? url : void 0,
            properties: spec.supportsProperties(data) && data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
          }
        };
      }
      #normalizeLicenseExpression(data) {
        return {
          expression: data.expression,
          acknowledgement: this._factory.spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
        };
      }
      normalizeIterable(data, options) {
        let licenses = options.sortLists ?? !1 ? data.sorted() : Array.from(data);
        if (licenses.length > 1) {
          let expressions = licenses.filter((l) => l instanceof license_1.LicenseExpression);
          if (expressions.length > 0)
            return [this.#normalizeLicenseExpression(expressions[0])];
        }
        return licenses.map((l) => this.normalize(l, options));
      }
    };
    exports.LicenseNormalizer = LicenseNormalizer;
    var SWIDNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          tagId: data.tagId,
          name: data.name,
          version: data.version || void 0,
          tagVersion: data.tagVersion,
          patch: data.patch,
          text: data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options),
          url: types_1.JsonSchema.isIriReference(url) ? url : void 0
        };
      }
    };
    exports.SWIDNormalizer = SWIDNormalizer;
    var ExternalReferenceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return this._factory.spec.supportsExternalReferenceType(data.type) ? {
          url: (0, uri_1.escapeUri)(data.url.toString()),
          type: data.type,
          hashes: this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0 ? this._factory.makeForHash().normalizeIterable(data.hashes, options) : void 0,
          comment: data.comment || void 0
        } : void 0;
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
    var AttachmentNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          content: data.content.toString(),
          contentType: data.contentType || void 0,
          encoding: data.encoding
        };
      }
    };
    exports.AttachmentNormalizer = AttachmentNormalizer;
    var PropertyNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name,
          value: data.value
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((p) => this.normalize(p, options));
      }
    };
    exports.PropertyNormalizer = PropertyNormalizer;
    var DependencyGraphNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let allRefs = /* @__PURE__ */ new Map();
        if (data.metadata.component !== void 0) {
          allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
          for (let component of data.metadata.component.components[tree_1.treeIteratorSymbol]())
            allRefs.set(component.bomRef, component.dependencies);
        }
        for (let component of data.components[tree_1.treeIteratorSymbol]())
          allRefs.set(component.bomRef, component.dependencies);
        for (let service of data.services[tree_1.treeIteratorSymbol]())
          allRefs.set(service.bomRef, service.dependencies);
        let normalized2 = [];
        for (let [ref, deps] of allRefs) {
          let dep = this.#normalizeDependency(ref, deps, allRefs, options);
          (0, notUndefined_1.isNotUndefined)(dep) && normalized2.push(dep);
        }
        return (options.sortLists ?? !1) && normalized2.sort(({ ref: a }, { ref: b }) => a.localeCompare(b)), normalized2;
      }
      #normalizeDependency(ref, deps, allRefs, options) {
        let bomRef = ref.toString();
        if (bomRef.length === 0)
          return;
        let dependsOn = normalizeStringableIter(Array.from(deps).filter((d) => allRefs.has(d) && d !== ref), options).filter((d) => d.length > 0);
        return {
          ref: bomRef,
          dependsOn: dependsOn.length > 0 ? dependsOn : void 0
        };
      }
    };
    exports.DependencyGraphNormalizer = DependencyGraphNormalizer;
    var VulnerabilityNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          "bom-ref": data.bomRef.value || void 0,
          id: data.id || void 0,
          source: data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
          references: data.references.size > 0 ? this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options) : void 0,
          ratings: data.ratings.size > 0 ? this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options) : void 0,
          cwes: data.cwes.size > 0 ? options.sortLists ?? !1 ? data.cwes.sorted() : Array.from(data.cwes) : void 0,
          description: data.description,
          detail: data.detail,
          recommendation: data.recommendation,
          advisories: data.advisories.size > 0 ? this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options) : void 0,
          created: data.created?.toISOString(),
          published: data.published?.toISOString(),
          updated: data.updated?.toISOString(),
          credits: data.credits === void 0 ? void 0 : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options),
          tools: data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options) : void 0,
          analysis: data.analysis === void 0 ? void 0 : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options),
          affects: data.affects.size > 0 ? this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options) : void 0,
          properties: data.properties.size > 0 ? this._factory.makeForProperty().normalizeIterable(data.properties, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((v) => this.normalize(v, options));
      }
    };
    exports.VulnerabilityNormalizer = VulnerabilityNormalizer;
    var VulnerabilitySourceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          name: data.name,
          url: data.url?.toString()
        };
      }
    };
    exports.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
    var VulnerabilityReferenceNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          id: data.id,
          source: this._factory.makeForVulnerabilitySource().normalize(data.source, options)
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options));
      }
    };
    exports.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
    var VulnerabilityRatingNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          source: data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options),
          score: data.score,
          severity: data.severity,
          method: this._factory.spec.supportsVulnerabilityRatingMethod(data.method) ? data.method : void 0,
          vector: data.vector,
          justification: data.justification
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options));
      }
    };
    exports.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
    var VulnerabilityAdvisoryNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        let url = (0, uri_1.escapeUri)(data.url.toString());
        if (types_1.JsonSchema.isIriReference(url))
          return {
            title: data.title,
            url
          };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
    var VulnerabilityCreditsNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          organizations: data.organizations.size > 0 ? this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options) : void 0,
          individuals: data.individuals.size > 0 ? this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options) : void 0
        };
      }
    };
    exports.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
    var VulnerabilityAffectNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          ref: data.ref.toString(),
          versions: data.versions.size > 0 ? this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options) : void 0
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options));
      }
    };
    exports.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
    var VulnerabilityAffectedVersionNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        switch (!0) {
          case data instanceof affect_1.AffectedSingleVersion:
            return this.#normalizeAffectedSingleVersion(data);
          case data instanceof affect_1.AffectedVersionRange:
            return this.#normalizeAffectedVersionRange(data);
          default:
            throw new TypeError("Unexpected Vulnerability AffectedVersion");
        }
      }
      #normalizeAffectedSingleVersion(data) {
        return data.version.length < 1 ? void 0 : {
          version: data.version.substring(0, 1024),
          status: data.status
        };
      }
      #normalizeAffectedVersionRange(data) {
        return data.range.length < 1 ? void 0 : {
          range: data.range.substring(0, 1024),
          status: data.status
        };
      }
      normalizeIterable(data, options) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((av) => this.normalize(av, options)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
    var VulnerabilityAnalysisNormalizer = class extends BaseJsonNormalizer {
      normalize(data, options) {
        return {
          state: data.state,
          justification: data.justification,
          response: data.response.size > 0 ? options.sortLists ?? !1 ? data.response.sorted() : Array.from(data.response) : void 0,
          detail: data.detail
        };
      }
    };
    exports.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
    function normalizeStringableIter(data, options) {
      let r = Array.from(data, (d) => d.toString());
      return (options.sortLists ?? !1) && r.sort((a, b) => a.localeCompare(b)), r;
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/index.js
var require_json = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/json/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: !0, value: v });
    }) : function(o, v) {
      o.default = v;
    }), __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        return ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) Object.prototype.hasOwnProperty.call(o2, k) && (ar[ar.length] = k);
          return ar;
        }, ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) k[i] !== "default" && __createBinding(result, mod, k[i]);
        return __setModuleDefault(result, mod), result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Types = exports.Normalize = void 0;
    exports.Normalize = __importStar(require_normalize());
    exports.Types = __importStar(require_types2());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/errors.js
var require_errors3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/errors.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.UnsupportedFormatError = void 0;
    var UnsupportedFormatError = class extends Error {
    };
    exports.UnsupportedFormatError = UnsupportedFormatError;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/jsonSerializer.js
var require_jsonSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/jsonSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.JsonSerializer = void 0;
    var enums_1 = require_enums2(), errors_1 = require_errors3(), baseSerializer_1 = require_baseSerializer(), JsonSerializer2 = class extends baseSerializer_1.BaseSerializer {
      #normalizerFactory;
      constructor(normalizerFactory) {
        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.JSON))
          throw new errors_1.UnsupportedFormatError("Spec does not support JSON format.");
        super(), this.#normalizerFactory = normalizerFactory;
      }
      get normalizerFactory() {
        return this.#normalizerFactory;
      }
      _normalize(bom, options = {}) {
        return this.#normalizerFactory.makeForBom().normalize(bom, options);
      }
      _serialize(bom, { space } = {}) {
        return JSON.stringify(bom, null, space);
      }
    };
    exports.JsonSerializer = JsonSerializer2;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/_xsd.js
var require_xsd = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/_xsd.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.normalizedString = normalizedString;
    exports.token = token;
    var _normalizeStringForbiddenSearch = /\r\n|\t|\n|\r/g, _normalizeStringForbiddenReplace = " ";
    function normalizedString(s) {
      return s.replace(_normalizeStringForbiddenSearch, _normalizeStringForbiddenReplace);
    }
    var _tokenMultispaceSearch = / {2,}/g, _tokenMultispaceReplace = " ";
    function token(s) {
      return normalizedString(s).trim().replace(_tokenMultispaceSearch, _tokenMultispaceReplace);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/types.js
var require_types3 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/types.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.XmlSchema = void 0;
    var XmlSchema;
    (function(XmlSchema2) {
      let _AnyUriSchemePattern = /^[a-z][a-z0-9+\-.]*$/i;
      function isAnyURI(value2) {
        if (typeof value2 != "string" || value2.length === 0)
          return !1;
        let fragmentPos = value2.indexOf("#"), beforeFragment = value2;
        if (fragmentPos >= 0) {
          if (value2.includes("#", fragmentPos + 1))
            return !1;
          beforeFragment = value2.slice(void 0, fragmentPos);
        }
        let schemePos = beforeFragment.indexOf(":");
        return !(schemePos >= 0 && !_AnyUriSchemePattern.test(beforeFragment.slice(void 0, schemePos)));
      }
      XmlSchema2.isAnyURI = isAnyURI;
    })(XmlSchema || (exports.XmlSchema = XmlSchema = {}));
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/normalize.js
var require_normalize2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/normalize.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.VulnerabilityAffectedVersionNormalizer = exports.VulnerabilityAffectNormalizer = exports.VulnerabilityAnalysisNormalizer = exports.VulnerabilityCreditsNormalizer = exports.VulnerabilityAdvisoryNormalizer = exports.VulnerabilityRatingNormalizer = exports.VulnerabilityReferenceNormalizer = exports.VulnerabilitySourceNormalizer = exports.VulnerabilityNormalizer = exports.DependencyGraphNormalizer = exports.PropertyNormalizer = exports.AttachmentNormalizer = exports.ExternalReferenceNormalizer = exports.SWIDNormalizer = exports.LicenseNormalizer = exports.ComponentEvidenceNormalizer = exports.ServiceNormalizer = exports.ComponentNormalizer = exports.OrganizationalEntityNormalizer = exports.OrganizationalContactNormalizer = exports.HashNormalizer = exports.ToolsNormalizer = exports.ToolNormalizer = exports.LifecycleNormalizer = exports.MetadataNormalizer = exports.BomNormalizer = exports.Factory = void 0;
    var iterable_1 = require_iterable(), notUndefined_1 = require_notUndefined(), tree_1 = require_tree(), uri_1 = require_uri(), models_1 = require_models(), license_1 = require_license(), lifecycle_1 = require_lifecycle(), affect_1 = require_affect(), spdx_1 = require_spdx(), enums_1 = require_enums2(), _xsd_1 = require_xsd(), types_1 = require_types3(), Factory = class {
      #spec;
      constructor(spec) {
        this.#spec = spec;
      }
      get spec() {
        return this.#spec;
      }
      makeForBom() {
        return new BomNormalizer(this);
      }
      makeForMetadata() {
        return new MetadataNormalizer(this);
      }
      makeForLifecycle() {
        return new LifecycleNormalizer(this);
      }
      makeForComponent() {
        return new ComponentNormalizer(this);
      }
      makeForService() {
        return new ServiceNormalizer(this);
      }
      makeForComponentEvidence() {
        return new ComponentEvidenceNormalizer(this);
      }
      makeForTool() {
        return new ToolNormalizer(this);
      }
      makeForTools() {
        return new ToolsNormalizer(this);
      }
      makeForOrganizationalContact() {
        return new OrganizationalContactNormalizer(this);
      }
      makeForOrganizationalEntity() {
        return new OrganizationalEntityNormalizer(this);
      }
      makeForHash() {
        return new HashNormalizer(this);
      }
      makeForLicense() {
        return new LicenseNormalizer(this);
      }
      makeForSWID() {
        return new SWIDNormalizer(this);
      }
      makeForExternalReference() {
        return new ExternalReferenceNormalizer(this);
      }
      makeForAttachment() {
        return new AttachmentNormalizer(this);
      }
      makeForProperty() {
        return new PropertyNormalizer(this);
      }
      makeForDependencyGraph() {
        return new DependencyGraphNormalizer(this);
      }
      makeForVulnerability() {
        return new VulnerabilityNormalizer(this);
      }
      makeForVulnerabilitySource() {
        return new VulnerabilitySourceNormalizer(this);
      }
      makeForVulnerabilityReference() {
        return new VulnerabilityReferenceNormalizer(this);
      }
      makeForVulnerabilityRating() {
        return new VulnerabilityRatingNormalizer(this);
      }
      makeForVulnerabilityAdvisory() {
        return new VulnerabilityAdvisoryNormalizer(this);
      }
      makeForVulnerabilityCredits() {
        return new VulnerabilityCreditsNormalizer(this);
      }
      makeForVulnerabilityAffect() {
        return new VulnerabilityAffectNormalizer(this);
      }
      makeForVulnerabilityAffectedVersion() {
        return new VulnerabilityAffectedVersionNormalizer(this);
      }
      makeForVulnerabilityAnalysis() {
        return new VulnerabilityAnalysisNormalizer(this);
      }
    };
    exports.Factory = Factory;
    var xmlNamespace = /* @__PURE__ */ new Map([
      [enums_1.Version.v1dot7, "http://cyclonedx.org/schema/bom/1.7"],
      [enums_1.Version.v1dot6, "http://cyclonedx.org/schema/bom/1.6"],
      [enums_1.Version.v1dot5, "http://cyclonedx.org/schema/bom/1.5"],
      [enums_1.Version.v1dot4, "http://cyclonedx.org/schema/bom/1.4"],
      [enums_1.Version.v1dot3, "http://cyclonedx.org/schema/bom/1.3"],
      [enums_1.Version.v1dot2, "http://cyclonedx.org/schema/bom/1.2"],
      [enums_1.Version.v1dot1, "http://cyclonedx.org/schema/bom/1.1"],
      [enums_1.Version.v1dot0, "http://cyclonedx.org/schema/bom/1.0"]
    ]), BaseXmlNormalizer = class {
      _factory;
      constructor(factory) {
        this._factory = factory;
      }
      get factory() {
        return this._factory;
      }
    }, BomNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options) {
        let components = {
          type: "element",
          name: "components",
          children: data.components.size > 0 ? this._factory.makeForComponent().normalizeIterable(data.components, options, "component") : void 0
        }, services = this._factory.spec.supportsServices && data.services.size > 0 ? {
          type: "element",
          name: "services",
          children: this._factory.makeForService().normalizeIterable(data.services, options, "service")
        } : void 0, vulnerabilities = this._factory.spec.supportsVulnerabilities && data.vulnerabilities.size > 0 ? {
          type: "element",
          name: "vulnerabilities",
          children: this._factory.makeForVulnerability().normalizeIterable(data.vulnerabilities, options, "vulnerability")
        } : void 0;
        return {
          type: "element",
          name: "bom",
          namespace: xmlNamespace.get(this._factory.spec.version),
          attributes: {
            version: data.version,
            serialNumber: this.#isEligibleSerialNumber(data.serialNumber) ? data.serialNumber : void 0
          },
          children: [
            this._factory.makeForMetadata().normalize(data.metadata, options, "metadata"),
            components,
            services,
            this._factory.spec.supportsDependencyGraph ? this._factory.makeForDependencyGraph().normalize(data, options, "dependencies") : void 0,
            vulnerabilities
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #isEligibleSerialNumber(v) {
        return v !== void 0 && /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/.test(v);
      }
    };
    exports.BomNormalizer = BomNormalizer;
    var MetadataNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let orgEntityNormalizer = this._factory.makeForOrganizationalEntity(), lifecycles = this._factory.spec.supportsMetadataLifecycles && data.lifecycles.size > 0 ? {
          type: "element",
          name: "lifecycles",
          children: this._factory.makeForLifecycle().normalizeIterable(data.lifecycles, options, "lifecycle")
        } : void 0, tools = data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options, "tools") : void 0, authors = data.authors.size > 0 ? {
          type: "element",
          name: "authors",
          children: this._factory.makeForOrganizationalContact().normalizeIterable(data.authors, options, "author")
        } : void 0, licenses = this._factory.spec.supportsMetadataLicenses && data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0, properties = this._factory.spec.supportsMetadataProperties && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalDateTimeElement(data.timestamp, "timestamp"),
            lifecycles,
            tools,
            authors,
            data.component === void 0 ? void 0 : this._factory.makeForComponent().normalize(data.component, options, "component"),
            data.manufacture === void 0 ? void 0 : orgEntityNormalizer.normalize(data.manufacture, options, "manufacture"),
            data.supplier === void 0 ? void 0 : orgEntityNormalizer.normalize(data.supplier, options, "supplier"),
            licenses,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.MetadataNormalizer = MetadataNormalizer;
    var LifecycleNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return data instanceof lifecycle_1.NamedLifecycle ? {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.description, "description")
          ].filter(notUndefined_1.isNotUndefined)
        } : {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data, "phase")
          ]
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options, elementName));
      }
    };
    exports.LifecycleNormalizer = LifecycleNormalizer;
    var ToolNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let hashes = data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0, externalReferences = this._factory.spec.supportsToolReferences && data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.vendor, "vendor", _xsd_1.normalizedString),
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.version, "version", _xsd_1.normalizedString),
            hashes,
            externalReferences
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((t) => this.normalize(t, options, elementName));
      }
    };
    exports.ToolNormalizer = ToolNormalizer;
    var ToolsNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let children = [];
        return data.tools.size > 0 || !this._factory.spec.supportsToolsComponentsServices ? children = this._factory.makeForTool().normalizeIterable(new models_1.ToolRepository((0, iterable_1.chainI)(Array.from(data.components, models_1.Tool.fromComponent), Array.from(data.services, models_1.Tool.fromService), data.tools)), options, "tool") : (data.components.size > 0 && children.push({
          type: "element",
          name: "components",
          children: this._factory.makeForComponent().normalizeIterable(data.components, options, "component")
        }), data.services.size > 0 && children.push({
          type: "element",
          name: "services",
          children: this._factory.makeForService().normalizeIterable(data.services, options, "service")
        })), {
          type: "element",
          name: elementName,
          children
        };
      }
    };
    exports.ToolsNormalizer = ToolsNormalizer;
    var HashNormalizer = class extends BaseXmlNormalizer {
      normalize([algorithm, content], options, elementName) {
        let spec = this._factory.spec;
        return spec.supportsHashAlgorithm(algorithm) && spec.supportsHashValue(content) ? {
          type: "element",
          name: elementName,
          attributes: { alg: algorithm },
          children: (0, _xsd_1.token)(content)
        } : void 0;
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((h) => this.normalize(h, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.HashNormalizer = HashNormalizer;
    var OrganizationalContactNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.email, "email", _xsd_1.normalizedString),
            makeOptionalTextElement(data.phone, "phone", _xsd_1.normalizedString)
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((oc) => this.normalize(oc, options, elementName));
      }
    };
    exports.OrganizationalContactNormalizer = OrganizationalContactNormalizer;
    var OrganizationalEntityNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            ...makeTextElementIter(Array.from(data.url, (s) => (0, uri_1.escapeUri)(s.toString())), options, "url").filter(({ children: u }) => types_1.XmlSchema.isAnyURI(u)),
            ...this._factory.makeForOrganizationalContact().normalizeIterable(data.contact, options, "contact")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((oe) => this.normalize(oe, options, elementName));
      }
    };
    exports.OrganizationalEntityNormalizer = OrganizationalEntityNormalizer;
    var ComponentNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let spec = this._factory.spec;
        if (!spec.supportsComponentType(data.type))
          return;
        let supplier = data.supplier === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.supplier, options, "supplier"), version = (spec.requiresComponentVersion ? makeTextElement : makeOptionalTextElement)(data.version ?? "", "version", _xsd_1.normalizedString), hashes = data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0, licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0, swid = data.swid === void 0 ? void 0 : this._factory.makeForSWID().normalize(data.swid, options, "swid"), extRefs = data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0, properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0, components = data.components.size > 0 ? {
          type: "element",
          name: "components",
          children: this.normalizeIterable(data.components, options, "component")
        } : void 0, evidence = spec.supportsComponentEvidence && data.evidence !== void 0 ? this._factory.makeForComponentEvidence().normalize(data.evidence, options, "evidence") : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: {
            type: data.type,
            "bom-ref": data.bomRef.value
          },
          children: [
            supplier,
            makeOptionalTextElement(data.author, "author", _xsd_1.normalizedString),
            makeOptionalTextElement(data.publisher, "publisher", _xsd_1.normalizedString),
            makeOptionalTextElement(data.group, "group", _xsd_1.normalizedString),
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            version,
            makeOptionalTextElement(data.description, "description", _xsd_1.normalizedString),
            makeOptionalTextElement(data.scope, "scope"),
            hashes,
            licenses,
            makeOptionalTextElement(data.copyright, "copyright", _xsd_1.normalizedString),
            makeOptionalTextElement(data.cpe, "cpe"),
            makeOptionalTextElement(data.purl, "purl"),
            swid,
            extRefs,
            properties,
            components,
            evidence
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((c) => this.normalize(c, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ComponentNormalizer = ComponentNormalizer;
    var ServiceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let spec = this._factory.spec, provider = data.provider === void 0 ? void 0 : this._factory.makeForOrganizationalEntity().normalize(data.provider, options, "provider"), licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0, extRefs = data.externalReferences.size > 0 ? {
          type: "element",
          name: "externalReferences",
          children: this._factory.makeForExternalReference().normalizeIterable(data.externalReferences, options, "reference")
        } : void 0, properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0, services = data.services.size > 0 ? {
          type: "element",
          name: "services",
          children: this.normalizeIterable(data.services, options, "service")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: {
            "bom-ref": data.bomRef.value
          },
          children: [
            provider,
            makeOptionalTextElement(data.group, "group", _xsd_1.normalizedString),
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            makeOptionalTextElement(data.version, "version", _xsd_1.normalizedString),
            makeOptionalTextElement(data.description, "description", _xsd_1.normalizedString),
            licenses,
            extRefs,
            properties,
            services
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((s) => this.normalize(s, options, elementName));
      }
    };
    exports.ServiceNormalizer = ServiceNormalizer;
    var ComponentEvidenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let licenses = data.licenses.size > 0 ? {
          type: "element",
          name: "licenses",
          children: this._factory.makeForLicense().normalizeIterable(data.licenses, options)
        } : void 0, copyright = data.copyright.size > 0 ? {
          type: "element",
          name: "copyright",
          children: makeTextElementIter(data.copyright, options, "text")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            licenses,
            copyright
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.ComponentEvidenceNormalizer = ComponentEvidenceNormalizer;
    var LicenseNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options) {
        switch (!0) {
          case data instanceof license_1.NamedLicense:
            return this.#normalizeNamedLicense(data, options);
          case data instanceof license_1.SpdxLicense:
            return (0, spdx_1.isSupportedSpdxId)(data.id) ? this.#normalizeSpdxLicense(data, options) : this.#normalizeNamedLicense(new license_1.NamedLicense(data.id, { url: data.url }), options);
          case data instanceof license_1.LicenseExpression:
            return this.#normalizeLicenseExpression(data);
          default:
            throw new TypeError("Unexpected LicenseChoice");
        }
      }
      #normalizeNamedLicense(data, options) {
        let spec = this._factory.spec, url = (0, uri_1.escapeUri)(data.url?.toString()), properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: "license",
          attributes: {
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
          },
          children: [
            makeTextElement(data.name, "name", _xsd_1.normalizedString),
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeSpdxLicense(data, options) {
        let spec = this._factory.spec, url = (0, uri_1.escapeUri)(data.url?.toString()), properties = spec.supportsProperties(data) && data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: "license",
          attributes: {
            acknowledgement: spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
          },
          children: [
            makeTextElement(data.id, "id"),
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeLicenseExpression(data) {
        let elem = makeTextElement(data.expression, "expression", _xsd_1.normalizedString);
        return elem.attributes = {
          acknowledgement: this._factory.spec.supportsLicenseAcknowledgement ? data.acknowledgement : void 0
        }, elem;
      }
      normalizeIterable(data, options) {
        let licenses = options.sortLists ?? !1 ? data.sorted() : Array.from(data);
        if (licenses.length > 1) {
          let expressions = licenses.filter((l) => l instanceof license_1.LicenseExpression);
          if (expressions.length > 0)
            return [this.#normalizeLicenseExpression(expressions[0])];
        }
        return licenses.map((l) => this.normalize(l, options));
      }
    };
    exports.LicenseNormalizer = LicenseNormalizer;
    var SWIDNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          type: "element",
          name: elementName,
          attributes: {
            tagId: data.tagId,
            name: data.name,
            version: data.version || void 0,
            tagVersion: data.tagVersion,
            patch: data.patch === void 0 ? void 0 : data.patch ? "true" : "false"
          },
          children: [
            data.text === void 0 ? void 0 : this._factory.makeForAttachment().normalize(data.text, options, "text"),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.SWIDNormalizer = SWIDNormalizer;
    var ExternalReferenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let url = (0, uri_1.escapeUri)(data.url.toString()), hashes = this._factory.spec.supportsExternalReferenceHashes && data.hashes.size > 0 ? {
          type: "element",
          name: "hashes",
          children: this._factory.makeForHash().normalizeIterable(data.hashes, options, "hash")
        } : void 0;
        return this._factory.spec.supportsExternalReferenceType(data.type) && types_1.XmlSchema.isAnyURI(url) ? {
          type: "element",
          name: elementName,
          attributes: {
            type: data.type
          },
          children: [
            makeTextElement(url, "url"),
            makeOptionalTextElement(data.comment, "comment"),
            hashes
          ].filter(notUndefined_1.isNotUndefined)
        } : void 0;
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.ExternalReferenceNormalizer = ExternalReferenceNormalizer;
    var AttachmentNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          attributes: {
            "content-type": data.contentType ? (0, _xsd_1.normalizedString)(data.contentType) : void 0,
            encoding: data.encoding || void 0
          },
          children: data.content.toString()
        };
      }
    };
    exports.AttachmentNormalizer = AttachmentNormalizer;
    var PropertyNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          attributes: {
            name: data.name
          },
          children: (0, _xsd_1.normalizedString)(data.value)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((p) => this.normalize(p, options, elementName));
      }
    };
    exports.PropertyNormalizer = PropertyNormalizer;
    var DependencyGraphNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let allRefs = /* @__PURE__ */ new Map();
        if (data.metadata.component !== void 0) {
          allRefs.set(data.metadata.component.bomRef, data.metadata.component.dependencies);
          for (let component of data.metadata.component.components[tree_1.treeIteratorSymbol]())
            allRefs.set(component.bomRef, component.dependencies);
        }
        for (let component of data.components[tree_1.treeIteratorSymbol]())
          allRefs.set(component.bomRef, component.dependencies);
        for (let service of data.services[tree_1.treeIteratorSymbol]())
          allRefs.set(service.bomRef, service.dependencies);
        let normalized2 = [];
        for (let [ref, deps] of allRefs) {
          let dep = this.#normalizeDependency(ref, deps, allRefs, options);
          (0, notUndefined_1.isNotUndefined)(dep) && normalized2.push(dep);
        }
        return (options.sortLists ?? !1) && normalized2.sort(({ attributes: { ref: a } }, { attributes: { ref: b } }) => a.localeCompare(b)), {
          type: "element",
          name: elementName,
          children: normalized2
        };
      }
      #normalizeDependency(ref, deps, allRefs, options) {
        let bomRef = ref.toString();
        if (bomRef.length === 0)
          return;
        let dependsOn = Array.from(deps).filter((d) => allRefs.has(d) && d !== ref).map((d) => d.toString()).filter((d) => d.length > 0);
        return (options.sortLists ?? !1) && dependsOn.sort((a, b) => a.localeCompare(b)), {
          type: "element",
          name: "dependency",
          attributes: { ref: bomRef },
          children: dependsOn.map((d) => ({
            type: "element",
            name: "dependency",
            attributes: { ref: d }
          }))
        };
      }
    };
    exports.DependencyGraphNormalizer = DependencyGraphNormalizer;
    var VulnerabilityNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let references = data.references.size > 0 ? {
          type: "element",
          name: "references",
          children: this._factory.makeForVulnerabilityReference().normalizeIterable(data.references, options, "reference")
        } : void 0, ratings = data.ratings.size > 0 ? {
          type: "element",
          name: "ratings",
          children: this._factory.makeForVulnerabilityRating().normalizeIterable(data.ratings, options, "rating")
        } : void 0, cwes = data.cwes.size > 0 ? {
          type: "element",
          name: "cwes",
          children: (options.sortLists ? data.cwes.sorted() : Array.from(data.cwes)).map((cwe) => makeTextElement(cwe, "cwe"))
        } : void 0, advisories = data.advisories.size > 0 ? {
          type: "element",
          name: "advisories",
          children: this._factory.makeForVulnerabilityAdvisory().normalizeIterable(data.advisories, options, "advisory")
        } : void 0, tools = data.tools.size > 0 ? this._factory.makeForTools().normalize(data.tools, options, "tools") : void 0, affects = data.affects.size > 0 ? {
          type: "element",
          name: "affects",
          children: this._factory.makeForVulnerabilityAffect().normalizeIterable(data.affects, options, "target")
        } : void 0, properties = data.properties.size > 0 ? {
          type: "element",
          name: "properties",
          children: this._factory.makeForProperty().normalizeIterable(data.properties, options, "property")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          attributes: { "bom-ref": data.bomRef.value || void 0 },
          children: [
            makeOptionalTextElement(data.id, "id", _xsd_1.normalizedString),
            data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source"),
            references,
            ratings,
            cwes,
            makeOptionalTextElement(data.description, "description"),
            makeOptionalTextElement(data.detail, "detail"),
            makeOptionalTextElement(data.recommendation, "recommendation"),
            advisories,
            makeOptionalDateTimeElement(data.created, "created"),
            makeOptionalDateTimeElement(data.created, "published"),
            makeOptionalDateTimeElement(data.created, "updated"),
            data.credits === void 0 ? void 0 : this._factory.makeForVulnerabilityCredits().normalize(data.credits, options, "credits"),
            tools,
            data.analysis === void 0 ? void 0 : this._factory.makeForVulnerabilityAnalysis().normalize(data.analysis, options, "analysis"),
            affects,
            properties
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((v) => this.normalize(v, options, elementName));
      }
    };
    exports.VulnerabilityNormalizer = VulnerabilityNormalizer;
    var VulnerabilitySourceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let url = (0, uri_1.escapeUri)(data.url?.toString());
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.name, "name", _xsd_1.normalizedString),
            types_1.XmlSchema.isAnyURI(url) ? makeTextElement(url, "url") : void 0
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilitySourceNormalizer = VulnerabilitySourceNormalizer;
    var VulnerabilityReferenceNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.id, "id"),
            this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source")
          ]
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName));
      }
    };
    exports.VulnerabilityReferenceNormalizer = VulnerabilityReferenceNormalizer;
    var VulnerabilityRatingNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            data.source === void 0 ? void 0 : this._factory.makeForVulnerabilitySource().normalize(data.source, options, "source"),
            makeOptionalTextElement(data.score, "score"),
            makeOptionalTextElement(data.severity, "severity"),
            this._factory.spec.supportsVulnerabilityRatingMethod(data.method) ? makeOptionalTextElement(data.method, "method") : void 0,
            makeOptionalTextElement(data.vector, "vector", _xsd_1.normalizedString),
            makeOptionalTextElement(data.justification, "justification")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((r) => this.normalize(r, options, elementName));
      }
    };
    exports.VulnerabilityRatingNormalizer = VulnerabilityRatingNormalizer;
    var VulnerabilityAdvisoryNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let url = (0, uri_1.escapeUri)(data.url.toString());
        if (types_1.XmlSchema.isAnyURI(url))
          return {
            type: "element",
            name: elementName,
            children: [
              makeOptionalTextElement(data.title, "title"),
              makeTextElement(url, "url")
            ].filter(notUndefined_1.isNotUndefined)
          };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options, elementName)).filter(notUndefined_1.isNotUndefined);
      }
    };
    exports.VulnerabilityAdvisoryNormalizer = VulnerabilityAdvisoryNormalizer;
    var VulnerabilityCreditsNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let organizations = data.organizations.size > 0 ? {
          type: "element",
          name: "organizations",
          children: this._factory.makeForOrganizationalEntity().normalizeIterable(data.organizations, options, "organization")
        } : void 0, individuals = data.individuals.size > 0 ? {
          type: "element",
          name: "individuals",
          children: this._factory.makeForOrganizationalContact().normalizeIterable(data.individuals, options, "individual")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            organizations,
            individuals
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilityCreditsNormalizer = VulnerabilityCreditsNormalizer;
    var VulnerabilityAnalysisNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let responses = data.response.size > 0 ? {
          type: "element",
          name: "responses",
          children: (options.sortLists ?? !1 ? data.response.sorted() : Array.from(data.response)).map((ar) => makeTextElement(ar, "response"))
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeOptionalTextElement(data.state, "state"),
            makeOptionalTextElement(data.justification, "justification"),
            responses,
            makeOptionalTextElement(data.detail, "detail")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
    };
    exports.VulnerabilityAnalysisNormalizer = VulnerabilityAnalysisNormalizer;
    var VulnerabilityAffectNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        let versions = data.versions.size > 0 ? {
          type: "element",
          name: "versions",
          children: this._factory.makeForVulnerabilityAffectedVersion().normalizeIterable(data.versions, options, "version")
        } : void 0;
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.ref, "ref"),
            versions
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((a) => this.normalize(a, options, elementName));
      }
    };
    exports.VulnerabilityAffectNormalizer = VulnerabilityAffectNormalizer;
    var VulnerabilityAffectedVersionNormalizer = class extends BaseXmlNormalizer {
      normalize(data, options, elementName) {
        switch (!0) {
          case data instanceof affect_1.AffectedSingleVersion:
            return this.#normalizeAffectedSingleVersion(data, elementName);
          case data instanceof affect_1.AffectedVersionRange:
            return this.#normalizeAffectedVersionRange(data, elementName);
          default:
            throw new TypeError("Unexpected Vulnerability AffectedVersion");
        }
      }
      #normalizeAffectedSingleVersion(data, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.version, "version", _xsd_1.normalizedString),
            makeOptionalTextElement(data.status, "status")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      #normalizeAffectedVersionRange(data, elementName) {
        return {
          type: "element",
          name: elementName,
          children: [
            makeTextElement(data.range, "range", _xsd_1.normalizedString),
            makeOptionalTextElement(data.status, "status")
          ].filter(notUndefined_1.isNotUndefined)
        };
      }
      normalizeIterable(data, options, elementName) {
        return (options.sortLists ?? !1 ? data.sorted() : Array.from(data)).map((av) => this.normalize(av, options, elementName));
      }
    };
    exports.VulnerabilityAffectedVersionNormalizer = VulnerabilityAffectedVersionNormalizer;
    var noTEM = (s) => s;
    function makeOptionalTextElement(data, elementName, mod = noTEM) {
      let s = mod(data?.toString() ?? "");
      return s.length > 0 ? makeTextElement(s, elementName) : void 0;
    }
    function makeTextElement(data, elementName, mod = noTEM) {
      return {
        type: "element",
        name: elementName,
        children: mod(data.toString())
      };
    }
    function makeTextElementIter(data, options, elementName, mod = noTEM) {
      let r = Array.from(data, (d) => makeTextElement(d, elementName, mod));
      return (options.sortLists ?? !1) && r.sort(({ children: a }, { children: b }) => a.localeCompare(b)), r;
    }
    function makeOptionalDateTimeElement(data, elementName, mod = noTEM) {
      let d = data?.toISOString();
      return d === void 0 ? void 0 : makeTextElement(d, elementName, mod);
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/index.js
var require_xml = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xml/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: !0, value: v });
    }) : function(o, v) {
      o.default = v;
    }), __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        return ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) Object.prototype.hasOwnProperty.call(o2, k) && (ar[ar.length] = k);
          return ar;
        }, ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) k[i] !== "default" && __createBinding(result, mod, k[i]);
        return __setModuleDefault(result, mod), result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.Types = exports.Normalize = void 0;
    exports.Normalize = __importStar(require_normalize2());
    exports.Types = __importStar(require_types3());
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlBaseSerializer.js
var require_xmlBaseSerializer = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlBaseSerializer.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.XmlBaseSerializer = void 0;
    var enums_1 = require_enums2(), errors_1 = require_errors3(), baseSerializer_1 = require_baseSerializer(), XmlBaseSerializer = class extends baseSerializer_1.BaseSerializer {
      #normalizerFactory;
      constructor(normalizerFactory) {
        if (!normalizerFactory.spec.supportsFormat(enums_1.Format.XML))
          throw new errors_1.UnsupportedFormatError("Spec does not support XML format.");
        super(), this.#normalizerFactory = normalizerFactory;
      }
      get normalizerFactory() {
        return this.#normalizerFactory;
      }
      _normalize(bom, options = {}) {
        return this.#normalizerFactory.makeForBom().normalize(bom, options);
      }
    };
    exports.XmlBaseSerializer = XmlBaseSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.common.js
var require_index_common = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.common.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __setModuleDefault = exports && exports.__setModuleDefault || (Object.create ? (function(o, v) {
      Object.defineProperty(o, "default", { enumerable: !0, value: v });
    }) : function(o, v) {
      o.default = v;
    }), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    }, __importStar = exports && exports.__importStar || /* @__PURE__ */ (function() {
      var ownKeys = function(o) {
        return ownKeys = Object.getOwnPropertyNames || function(o2) {
          var ar = [];
          for (var k in o2) Object.prototype.hasOwnProperty.call(o2, k) && (ar[ar.length] = k);
          return ar;
        }, ownKeys(o);
      };
      return function(mod) {
        if (mod && mod.__esModule) return mod;
        var result = {};
        if (mod != null) for (var k = ownKeys(mod), i = 0; i < k.length; i++) k[i] !== "default" && __createBinding(result, mod, k[i]);
        return __setModuleDefault(result, mod), result;
      };
    })();
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.XML = exports.JSON = exports.Types = void 0;
    __exportStar(require_bomRefDiscriminator(), exports);
    __exportStar(require_errors2(), exports);
    exports.Types = __importStar(require_types());
    __exportStar(require_baseSerializer(), exports);
    exports.JSON = __importStar(require_json());
    __exportStar(require_jsonSerializer(), exports);
    exports.XML = __importStar(require_xml());
    __exportStar(require_xmlBaseSerializer(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/_wrapper.js
var require_wrapper = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/_wrapper.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.default = default_1;
    var errors_1 = require_errors();
    function makeWIllThrow(message) {
      let f = function() {
        throw new errors_1.OptPlugError(message);
      };
      return f.fails = !0, Object.freeze(f);
    }
    function default_1(name, pf) {
      for (let [, getF] of pf)
        try {
          return getF();
        } catch {
        }
      return makeWIllThrow(`No ${name} available.
Please install one of the optional dependencies: ` + pf.map((kv) => kv[0]).join(" || "));
    }
  }
});

// scripts/stubs/absent.cjs
var require_absent = __commonJS({
  "scripts/stubs/absent.cjs"() {
    throw Object.assign(new Error("not bundled with gantry"), { code: "MODULE_NOT_FOUND" });
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/__xmlStringifiers/xmlbuilder2.js
var require_xmlbuilder2 = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/__xmlStringifiers/xmlbuilder2.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var xmlbuilder2_1 = require_absent();
    if (typeof xmlbuilder2_1.create != "function")
      throw new Error("`create` is not a function");
    exports.default = (function(rootElement, { space } = {}) {
      let indent = makeIndent(space), doc = (0, xmlbuilder2_1.create)({ encoding: "UTF-8" });
      return addEle(doc, rootElement), doc.end({
        format: "xml",
        newline: `
`,
        prettyPrint: indent.length > 0,
        indent
      });
    });
    function addEle(parent, element, parentNS = null) {
      if (element.type !== "element")
        return;
      let ns = getNS(element) ?? parentNS, ele = parent.ele(ns, element.name, element.attributes);
      if (element.children !== void 0)
        if (typeof element.children == "string" || typeof element.children == "number")
          ele.txt(element.children.toString());
        else
          for (let child of element.children)
            addEle(ele, child, ns);
    }
    function getNS(element) {
      let ns = (element.namespace ?? element.attributes?.xmlns)?.toString() ?? "";
      return ns.length > 0 ? ns : null;
    }
    function makeIndent(space) {
      return typeof space == "number" ? " ".repeat(Math.max(0, space)) : typeof space == "string" ? space : "";
    }
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/xmlStringify.js
var require_xmlStringify = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/_optPlug.node/xmlStringify.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { default: mod };
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    var _wrapper_1 = __importDefault(require_wrapper());
    exports.default = (0, _wrapper_1.default)("XmlStringifier", [
      ["xmlbuilder2", () => require_xmlbuilder2().default]
    ]);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlSerializer.node.js
var require_xmlSerializer_node = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/xmlSerializer.node.js"(exports) {
    "use strict";
    var __importDefault = exports && exports.__importDefault || function(mod) {
      return mod && mod.__esModule ? mod : { default: mod };
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.XmlSerializer = void 0;
    var errors_1 = require_errors(), xmlStringify_1 = __importDefault(require_xmlStringify()), errors_2 = require_errors2(), xmlBaseSerializer_1 = require_xmlBaseSerializer(), XmlSerializer = class extends xmlBaseSerializer_1.XmlBaseSerializer {
      _serialize(normalizedBom, options = {}) {
        try {
          return (0, xmlStringify_1.default)(normalizedBom, options);
        } catch (err) {
          throw err instanceof errors_1.OptPlugError ? new errors_2.MissingOptionalDependencyError(err.message, err) : err;
        }
      }
    };
    exports.XmlSerializer = XmlSerializer;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js
var require_index_node = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/serialize/index.node.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    __exportStar(require_index_common(), exports);
    __exportStar(require_xmlSerializer_node(), exports);
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/_protocol.js
var require_protocol = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/_protocol.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports._Spec = void 0;
    var models_1 = require_models(), _Spec = class {
      #version;
      #formats;
      #componentTypes;
      #hashAlgorithms;
      #hashValuePattern;
      #externalReferenceTypes;
      #vulnerabilityRatingMethods;
      #supportsDependencyGraph;
      #supportsToolReferences;
      #requiresComponentVersion;
      #supportsProperties;
      #supportsVulnerabilities;
      #supportsComponentEvidence;
      #supportsMetadataLifecycles;
      #supportsMetadataLicenses;
      #supportsMetadataProperties;
      #supportsExternalReferenceHashes;
      #supportsLicenseAcknowledgement;
      #supportsServices;
      #supportsToolsComponentsServices;
      #supportsLicenseProperties;
      constructor(version, formats, componentTypes, hashAlgorithms, hashValuePattern, externalReferenceTypes, supportsDependencyGraph, supportsToolReferences, requiresComponentVersion, supportsProperties, supportsVulnerabilities, vulnerabilityRatingMethods, supportsComponentEvidence, supportsMetadataLifecycles, supportsMetadataLicenses, supportsMetadataProperties, supportsExternalReferenceHashes, supportsLicenseAcknowledgement, supportsServices, supportsToolsComponentsServices, supportsLicenseProperties) {
        this.#version = version, this.#formats = new Set(formats), this.#componentTypes = new Set(componentTypes), this.#hashAlgorithms = new Set(hashAlgorithms), this.#hashValuePattern = hashValuePattern, this.#externalReferenceTypes = new Set(externalReferenceTypes), this.#supportsDependencyGraph = supportsDependencyGraph, this.#supportsToolReferences = supportsToolReferences, this.#requiresComponentVersion = requiresComponentVersion, this.#supportsProperties = supportsProperties, this.#supportsVulnerabilities = supportsVulnerabilities, this.#vulnerabilityRatingMethods = new Set(vulnerabilityRatingMethods), this.#supportsComponentEvidence = supportsComponentEvidence, this.#supportsMetadataLifecycles = supportsMetadataLifecycles, this.#supportsMetadataLicenses = supportsMetadataLicenses, this.#supportsMetadataProperties = supportsMetadataProperties, this.#supportsExternalReferenceHashes = supportsExternalReferenceHashes, this.#supportsLicenseAcknowledgement = supportsLicenseAcknowledgement, this.#supportsServices = supportsServices, this.#supportsToolsComponentsServices = supportsToolsComponentsServices, this.#supportsLicenseProperties = supportsLicenseProperties;
      }
      get version() {
        return this.#version;
      }
      supportsFormat(f) {
        return this.#formats.has(f);
      }
      supportsComponentType(ct) {
        return this.#componentTypes.has(ct);
      }
      supportsHashAlgorithm(ha) {
        return this.#hashAlgorithms.has(ha);
      }
      supportsHashValue(hv) {
        return typeof hv == "string" && this.#hashValuePattern.test(hv);
      }
      supportsExternalReferenceType(ert) {
        return this.#externalReferenceTypes.has(ert);
      }
      get supportsDependencyGraph() {
        return this.#supportsDependencyGraph;
      }
      get supportsToolReferences() {
        return this.#supportsToolReferences;
      }
      get requiresComponentVersion() {
        return this.#requiresComponentVersion;
      }
      supportsProperties(model) {
        return !0 === (model instanceof models_1.NamedLicense || model instanceof models_1.SpdxLicense) ? this.#supportsLicenseProperties : this.#supportsProperties;
      }
      get supportsVulnerabilities() {
        return this.#supportsVulnerabilities;
      }
      supportsVulnerabilityRatingMethod(rm6) {
        return this.#vulnerabilityRatingMethods.has(rm6);
      }
      get supportsComponentEvidence() {
        return this.#supportsComponentEvidence;
      }
      get supportsMetadataLifecycles() {
        return this.#supportsMetadataLifecycles;
      }
      get supportsMetadataLicenses() {
        return this.#supportsMetadataLicenses;
      }
      get supportsMetadataProperties() {
        return this.#supportsMetadataProperties;
      }
      get supportsExternalReferenceHashes() {
        return this.#supportsExternalReferenceHashes;
      }
      get supportsLicenseAcknowledgement() {
        return this.#supportsLicenseAcknowledgement;
      }
      get supportsServices() {
        return this.#supportsServices;
      }
      get supportsToolsComponentsServices() {
        return this.#supportsToolsComponentsServices;
      }
    };
    exports._Spec = _Spec;
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/consts.js
var require_consts = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/consts.js"(exports) {
    "use strict";
    Object.defineProperty(exports, "__esModule", { value: !0 });
    exports.SpecVersionDict = exports.Spec1dot7 = exports.Spec1dot6 = exports.Spec1dot5 = exports.Spec1dot4 = exports.Spec1dot3 = exports.Spec1dot2 = void 0;
    var componentType_1 = require_componentType(), externalReferenceType_1 = require_externalReferenceType(), hashAlogorithm_1 = require_hashAlogorithm(), ratingMethod_1 = require_ratingMethod(), _protocol_1 = require_protocol(), enums_1 = require_enums2();
    exports.Spec1dot2 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot2, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !1, !0, !1, !1, [], !1, !1, !1, !1, !1, !1, !0, !1, !1));
    exports.Spec1dot3 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot3, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !1, !0, !0, !1, [], !0, !1, !0, !0, !0, !1, !0, !1, !1));
    exports.Spec1dot4 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot4, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !0, !1, !0, !0, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.Other
    ], !0, !1, !0, !0, !0, !1, !0, !1, !1));
    exports.Spec1dot5 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot5, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !0, !1, !0, !0, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], !0, !0, !0, !0, !0, !1, !0, !0, !0));
    exports.Spec1dot6 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot6, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data,
      componentType_1.ComponentType.CryptographicAsset
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.SourceDistribution,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
      externalReferenceType_1.ExternalReferenceType.DigitalSignature,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !0, !1, !0, !0, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], !0, !0, !0, !0, !0, !0, !0, !0, !0));
    exports.Spec1dot7 = Object.freeze(new _protocol_1._Spec(enums_1.Version.v1dot7, [
      enums_1.Format.XML,
      enums_1.Format.JSON
    ], [
      componentType_1.ComponentType.Application,
      componentType_1.ComponentType.Framework,
      componentType_1.ComponentType.Library,
      componentType_1.ComponentType.Container,
      componentType_1.ComponentType.Platform,
      componentType_1.ComponentType.OperatingSystem,
      componentType_1.ComponentType.Device,
      componentType_1.ComponentType.DeviceDriver,
      componentType_1.ComponentType.Firmware,
      componentType_1.ComponentType.File,
      componentType_1.ComponentType.MachineLearningModel,
      componentType_1.ComponentType.Data,
      componentType_1.ComponentType.CryptographicAsset
    ], [
      hashAlogorithm_1.HashAlgorithm.MD5,
      hashAlogorithm_1.HashAlgorithm["SHA-1"],
      hashAlogorithm_1.HashAlgorithm["SHA-256"],
      hashAlogorithm_1.HashAlgorithm["SHA-384"],
      hashAlogorithm_1.HashAlgorithm["SHA-512"],
      hashAlogorithm_1.HashAlgorithm["SHA3-256"],
      hashAlogorithm_1.HashAlgorithm["SHA3-384"],
      hashAlogorithm_1.HashAlgorithm["SHA3-512"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-256"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-384"],
      hashAlogorithm_1.HashAlgorithm["BLAKE2b-512"],
      hashAlogorithm_1.HashAlgorithm.BLAKE3,
      hashAlogorithm_1.HashAlgorithm["Streebog-256"],
      hashAlogorithm_1.HashAlgorithm["Streebog-512"]
    ], /^([a-fA-F0-9]{32})$|^([a-fA-F0-9]{40})$|^([a-fA-F0-9]{64})$|^([a-fA-F0-9]{96})$|^([a-fA-F0-9]{128})$/, [
      externalReferenceType_1.ExternalReferenceType.VCS,
      externalReferenceType_1.ExternalReferenceType.IssueTracker,
      externalReferenceType_1.ExternalReferenceType.Website,
      externalReferenceType_1.ExternalReferenceType.Advisories,
      externalReferenceType_1.ExternalReferenceType.BOM,
      externalReferenceType_1.ExternalReferenceType.MailingList,
      externalReferenceType_1.ExternalReferenceType.Social,
      externalReferenceType_1.ExternalReferenceType.Chat,
      externalReferenceType_1.ExternalReferenceType.Documentation,
      externalReferenceType_1.ExternalReferenceType.Support,
      externalReferenceType_1.ExternalReferenceType.SourceDistribution,
      externalReferenceType_1.ExternalReferenceType.Distribution,
      externalReferenceType_1.ExternalReferenceType.DistributionIntake,
      externalReferenceType_1.ExternalReferenceType.License,
      externalReferenceType_1.ExternalReferenceType.BuildMeta,
      externalReferenceType_1.ExternalReferenceType.BuildSystem,
      externalReferenceType_1.ExternalReferenceType.ReleaseNotes,
      externalReferenceType_1.ExternalReferenceType.SecurityContact,
      externalReferenceType_1.ExternalReferenceType.ModelCard,
      externalReferenceType_1.ExternalReferenceType.Log,
      externalReferenceType_1.ExternalReferenceType.Configuration,
      externalReferenceType_1.ExternalReferenceType.Evidence,
      externalReferenceType_1.ExternalReferenceType.Formulation,
      externalReferenceType_1.ExternalReferenceType.Attestation,
      externalReferenceType_1.ExternalReferenceType.ThreatModel,
      externalReferenceType_1.ExternalReferenceType.AdversaryModel,
      externalReferenceType_1.ExternalReferenceType.RiskAssessment,
      externalReferenceType_1.ExternalReferenceType.VulnerabilityAssertion,
      externalReferenceType_1.ExternalReferenceType.ExploitabilityStatement,
      externalReferenceType_1.ExternalReferenceType.PentestReport,
      externalReferenceType_1.ExternalReferenceType.StaticAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.DynamicAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.RuntimeAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.ComponentAnalysisReport,
      externalReferenceType_1.ExternalReferenceType.MaturityReport,
      externalReferenceType_1.ExternalReferenceType.CertificationReport,
      externalReferenceType_1.ExternalReferenceType.CodifiedInfrastructure,
      externalReferenceType_1.ExternalReferenceType.QualityMetrics,
      externalReferenceType_1.ExternalReferenceType.POAM,
      externalReferenceType_1.ExternalReferenceType.ElectronicSignature,
      externalReferenceType_1.ExternalReferenceType.DigitalSignature,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Citation,
      externalReferenceType_1.ExternalReferenceType.Patent,
      externalReferenceType_1.ExternalReferenceType.PatentAssertion,
      externalReferenceType_1.ExternalReferenceType.PatentFamily,
      externalReferenceType_1.ExternalReferenceType.RFC9116,
      externalReferenceType_1.ExternalReferenceType.Other
    ], !0, !0, !1, !0, !0, [
      ratingMethod_1.RatingMethod.CVSSv2,
      ratingMethod_1.RatingMethod.CVSSv3,
      ratingMethod_1.RatingMethod.CVSSv31,
      ratingMethod_1.RatingMethod.CVSSv4,
      ratingMethod_1.RatingMethod.OWASP,
      ratingMethod_1.RatingMethod.SSVC,
      ratingMethod_1.RatingMethod.Other
    ], !0, !0, !0, !0, !0, !0, !0, !0, !0));
    exports.SpecVersionDict = Object.freeze({
      [enums_1.Version.v1dot7]: exports.Spec1dot7,
      [enums_1.Version.v1dot6]: exports.Spec1dot6,
      [enums_1.Version.v1dot5]: exports.Spec1dot5,
      [enums_1.Version.v1dot4]: exports.Spec1dot4,
      [enums_1.Version.v1dot3]: exports.Spec1dot3,
      [enums_1.Version.v1dot2]: exports.Spec1dot2
    });
  }
});

// node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js
var require_spec = __commonJS({
  "node_modules/@cyclonedx/cyclonedx-library/dist.node/spec/index.js"(exports) {
    "use strict";
    var __createBinding = exports && exports.__createBinding || (Object.create ? (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k);
      var desc = Object.getOwnPropertyDescriptor(m, k);
      (!desc || ("get" in desc ? !m.__esModule : desc.writable || desc.configurable)) && (desc = { enumerable: !0, get: function() {
        return m[k];
      } }), Object.defineProperty(o, k2, desc);
    }) : (function(o, m, k, k2) {
      k2 === void 0 && (k2 = k), o[k2] = m[k];
    })), __exportStar = exports && exports.__exportStar || function(m, exports2) {
      for (var p in m) p !== "default" && !Object.prototype.hasOwnProperty.call(exports2, p) && __createBinding(exports2, m, p);
    };
    Object.defineProperty(exports, "__esModule", { value: !0 });
    __exportStar(require_consts(), exports);
    __exportStar(require_enums2(), exports);
    __exportStar(require_errors3(), exports);
  }
});

// packages/go-build/src/archive.ts
import { readFile } from "node:fs/promises";
async function tarGz(entries, mtimeSeconds) {
  let tar = await reproducibleTar(
    await Promise.all(entries.map(async (e) => ({ path: e.name, mode: e.mode, data: await readFile(e.source) }))),
    mtimeSeconds
  );
  return gzipReproducible(tar, 6);
}
var ZIP_MIN_EPOCH = Date.UTC(1980, 0, 1, 0, 0, 2) / 1e3;
async function zip2(entries, mtimeSeconds) {
  let utcMs = Math.max(mtimeSeconds, ZIP_MIN_EPOCH) * 1e3, localShifted = new Date(utcMs + new Date(utcMs).getTimezoneOffset() * 6e4), files = {}, sources = new Map(entries.map((e) => [e.name, e.source]));
  for (let item of withParents(entries.map((e) => ({ path: e.name, mode: e.mode })))) {
    let source = sources.get(item.path);
    files[item.path] = source === void 0 ? [new Uint8Array(0), { mtime: localShifted, os: 3, attrs: 16877 << 16 >>> 0, level: 0 }] : [await readFile(source), { mtime: localShifted, os: 3, attrs: (32768 | item.mode) << 16 >>> 0, level: 6 }];
  }
  return new Promise((done, fail) => zip(files, (err, z) => err ? fail(err) : done(z)));
}
var ARCHIVE_LAYOUT = 3;
async function archiveKey(format, entries, mtimeSeconds, knownSha = /* @__PURE__ */ new Map()) {
  let parts = await Promise.all(entries.map(async (e) => [e.name, e.mode, knownSha.get(e.source) ?? await sha256File(e.source)]));
  return sha256(JSON.stringify({ layout: ARCHIVE_LAYOUT, format, mtimeSeconds, parts }));
}

// packages/go-build/src/build.ts
import { availableParallelism } from "node:os";
import { basename as basename3, join as join9, relative as relative4 } from "node:path";
import { writeFile as writeFile4 } from "node:fs/promises";
var semver3 = __toESM(require_semver(), 1);

// packages/go-build/src/checksums.ts
import { writeFile } from "node:fs/promises";
function shippedFiles(a) {
  return [a.archive ?? a.path, ...a.sbom?.spdx ? [a.sbom.spdx] : [], ...a.sbom?.cyclonedx ? [a.sbom.cyclonedx] : []];
}
async function checksumLines(artifacts, resolve6) {
  let known = /* @__PURE__ */ new Map();
  for (let a of artifacts)
    known.set(a.path, a.sha256), a.archive && a["archive-sha256"] && known.set(a.archive, a["archive-sha256"]);
  let files = artifacts.flatMap(shippedFiles).sort();
  return Promise.all(files.map(async (f) => `${known.get(f) ?? await sha256File(resolve6(f))}  ${f}`));
}
async function writeChecksums(path, lines) {
  await writeFile(path, `${lines.join(`
`)}
`);
}

// packages/go-build/src/buildflags.ts
var BOOL = { bool: !0 }, BOOL_VALUE = /^(?:[0-9]+|t|f|T|F|true|false|TRUE|FALSE|True|False)$/, value = (re, accepted3) => ({ value: re, accepted: accepted3 }), DIGITS = value(/^[0-9]+$/, "a number"), GO_BUILD_FLAGS = {
  a: BOOL,
  n: BOOL,
  race: BOOL,
  msan: BOOL,
  asan: BOOL,
  cover: BOOL,
  v: BOOL,
  work: BOOL,
  x: BOOL,
  json: BOOL,
  modcacherw: BOOL,
  p: DIGITS,
  covermode: value(/^(?:set|count|atomic)$/, "set, count or atomic"),
  coverpkg: value(/^[A-Za-z0-9._~/-]+(?:,[A-Za-z0-9._~/-]+)*$/, "package patterns, comma-separated"),
  buildmode: value(/^(?:default|exe|pie)$/, "default, exe or pie"),
  buildvcs: value(/^(?:true|false|auto)$/, "true, false or auto"),
  compiler: value(/^gc$/, "gc"),
  mod: value(/^(?:readonly|vendor|mod)$/, "readonly, vendor or mod"),
  installsuffix: value(/^[A-Za-z0-9_]+$/, "letters, digits and '_'"),
  gcflags: value(/^/, "compiler flags"),
  asmflags: value(/^/, "assembler flags")
}, COMPILE_FLAGS = {
  ...Object.fromEntries(
    ["N", "l", "m", "B", "C", "S", "e", "w", "live", "smallframes", "std", "complete", "race", "msan", "asan", "nolocalimports", "wb", "dwarf"].map((f) => [
      f,
      BOOL
    ])
  ),
  dwarflocationlists: BOOL,
  dwarfbasentries: BOOL,
  c: DIGITS,
  lang: value(/^go[0-9]+\.[0-9]+$/, "a language version such as go1.22"),
  spectre: value(/^(?:all|index|ret)(?:,(?:all|index|ret))*$/, "all, index or ret"),
  d: value(/^(?:checkptr(?:=[0-2])?|libfuzzer)(?:,(?:checkptr(?:=[0-2])?|libfuzzer))*$/, "checkptr, checkptr=N or libfuzzer")
}, ASM_FLAGS = {
  S: BOOL,
  e: BOOL,
  shared: BOOL,
  dynlink: BOOL,
  debug: BOOL,
  spectre: value(/^(?:all|ret)(?:,(?:all|ret))*$/, "all or ret"),
  D: value(/^[A-Za-z_][A-Za-z0-9_]*(?:=[^\s]*)?$/, "name or name=value")
}, LINK_FLAGS = {
  ...Object.fromEntries(
    ["s", "w", "f", "v", "c", "d", "dumpdep", "race", "msan", "asan", "bindnow", "aslr", "compressdwarf", "checklinkname"].map((f) => [f, BOOL])
  ),
  X: value(/^[\w./~-]+\.[A-Za-z_]\w*=/, "importpath.name=value"),
  buildid: value(/^\S*$/, "an id without spaces"),
  B: value(/^(?:gobuildid|0x[0-9a-fA-F]+)$/, "gobuildid or 0x followed by hex digits"),
  linkmode: value(/^(?:internal|auto)$/, "internal or auto (external runs the C linker)"),
  strictdups: DIGITS,
  E: value(/^[A-Za-z_.][A-Za-z0-9_.]*$/, "a symbol name"),
  T: value(/^(?:0x)?[0-9a-fA-F]+$/, "an address"),
  R: DIGITS
}, REFUSED = {
  toolexec: "it names a program to run",
  exec: "it names a program to run",
  overlay: "it names a file of replacement sources",
  modfile: "it names a go.mod to use instead of the checkout's",
  pgo: "it names a profile file (go-build leaves -pgo at auto: default.pgo beside the main package)",
  pkgdir: "it names a folder of packages outside the checkout",
  C: "it moves the build to another folder",
  linkshared: "it links against shared libraries outside the checkout",
  gccgoflags: "it passes flags to gccgo, which go-build does not use",
  extld: "it names the external linker, a program to run",
  extldflags: "it passes flags to the external linker",
  extar: "it names an archiver, a program to run",
  tmpdir: "it names a folder outside the checkout",
  importcfg: "it names a file to read",
  I: "it names a file (the dynamic linker) or a folder outside the checkout",
  L: "it names a folder to read outside the checkout",
  r: "it names library folders outside the checkout",
  libgcc: "it names a file to read",
  capturehostobjs: "it names a folder to write",
  o: "it names a file to write",
  cpuprofile: "it names a file to write",
  memprofile: "it names a file to write",
  benchmarkprofile: "it names a file to write",
  trace: "it names a file to write",
  "debug-actiongraph": "it names a file to write",
  "debug-trace": "it names a file to write",
  "debug-runtime-trace": "it names a file to write"
}, OWNED = { o: "out-dir", ldflags: "ldflags", tags: "tags", trimpath: "" };
function splitQuoted(text2, input) {
  let words = [], s = text2;
  for (; ; ) {
    if (s = s.replace(/^[ \t\n\r]+/, ""), s === "") return words;
    let quote = s[0];
    if (quote === "'" || quote === '"') {
      let end2 = s.indexOf(quote, 1);
      if (end2 < 0) throw new InputError(input, text2, `its ${quote} quote is not closed (Go splits flags at spaces, a word may be quoted whole)`);
      words.push(s.slice(1, end2)), s = s.slice(end2 + 1);
      continue;
    }
    let end = s.search(/[ \t\n\r]/);
    words.push(end < 0 ? s : s.slice(0, end)), s = end < 0 ? "" : s.slice(end);
  }
}
var accepted = (table2) => `accepted: ${Object.keys(table2).map((f) => `-${f}`).join(", ")}`;
function checkWords(words, table2, input, tool) {
  for (let i = 0; i < words.length; i++) {
    let word = words[i], m = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=([\s\S]*))?$/.exec(word);
    if (!m)
      throw new InputError(
        input,
        word,
        `${tool} takes only flags here, and ${JSON.stringify(word)} is not one (a word after them would be read as a file); ${accepted(table2)}`
      );
    let name = m[1], spec = Object.hasOwn(table2, name) ? table2[name] : void 0;
    if (!spec)
      throw Object.hasOwn(REFUSED, name) ? new InputError(input, word, `-${name} is refused in every mode: ${REFUSED[name]}; ${accepted(table2)}`) : new InputError(input, word, `-${name} is not a ${tool} flag go-build passes on; ${accepted(table2)}`);
    let v = m[2];
    if ("bool" in spec) {
      if (v !== void 0 && !BOOL_VALUE.test(v)) throw new InputError(input, word, `-${name} takes no value but true or false`);
      continue;
    }
    if (v === void 0) {
      if (v = words[i + 1], v === void 0) throw new InputError(input, word, `-${name} needs a value: ${spec.accepted}`);
      i++;
    }
    if (!spec.value.test(v)) throw new InputError(input, `${word}${m[2] === void 0 ? ` ${v}` : ""}`, `-${name} takes ${spec.accepted}`);
  }
}
function checkPerPackage(text2, table2, input, tool) {
  let v = text2.trim();
  if (v !== "" && !v.startsWith("-")) {
    let eq = v.indexOf("="), pattern = eq > 0 ? v.slice(0, eq).trim() : "";
    if (!/^[A-Za-z0-9._~/-]+$/.test(pattern) || pattern.startsWith("/") || pattern.split("/").includes(".."))
      throw new InputError(input, text2, "accepted: [pattern=]flags with a package pattern inside the module (all, std, ./...), e.g. all=-N -l");
    v = v.slice(eq + 1);
  }
  checkWords(splitQuoted(v, input), table2, input, tool);
}
function checkGoFlags(lines, input = "flags") {
  for (let line of lines) {
    let m = /^--?([A-Za-z][A-Za-z0-9_-]*)(?:=(.*))?$/.exec(line);
    if (!m) throw new InputError(input, line, "accepted: one go build flag per line, e.g. -race or -gcflags=all=-N");
    let name = m[1];
    if (Object.hasOwn(OWNED, name))
      throw new InputError(input, line, `-${name} is set by go-build${OWNED[name] ? `; use its own input (${OWNED[name]})` : ""}`);
    let spec = GO_BUILD_FLAGS[name];
    if (spec && !("bool" in spec) && m[2] === void 0)
      throw new InputError(input, line, `-${name} needs its value on the same line, after =: ${spec.accepted}`);
    checkWords([line], GO_BUILD_FLAGS, input, "go build"), name === "gcflags" && checkPerPackage(m[2], COMPILE_FLAGS, input, "the compiler (-gcflags)"), name === "asmflags" && checkPerPackage(m[2], ASM_FLAGS, input, "the assembler (-asmflags)");
  }
}
function checkLdflags(text2, input = "ldflags") {
  checkWords(splitQuoted(text2, input), LINK_FLAGS, input, "the linker");
}

// packages/go-build/src/extrafiles.ts
import { realpath } from "node:fs/promises";
import { basename, isAbsolute, relative, resolve } from "node:path";
async function checkoutTop(workingDirectory) {
  let r = await exec("git", ["rev-parse", "--show-toplevel"], { cwd: workingDirectory, allowFailure: !0 });
  return realpath(r.code === 0 && r.stdout.trim() ? r.stdout.trim() : workingDirectory);
}
async function extraFiles(inputs) {
  let entries = [], top = inputs.files.length ? await checkoutTop(inputs.workingDirectory) : "";
  for (let f of inputs.files) {
    let source = isAbsolute(f) ? f : resolve(inputs.workingDirectory, f);
    if (!await exists(source))
      throw new InputError("files", f, `no such file in ${inputs.workingDirectory}; list files to put beside the binary, e.g. LICENSE, README.md`);
    let inside = relative(top, await realpath(source));
    if (inside === "" || inside.startsWith("..") || isAbsolute(inside))
      throw new InputError("files", f, `it is outside the checkout ${top}; accepted: files of the repository, e.g. LICENSE, README.md`);
    let rel = relative(inputs.workingDirectory, source).split("\\").join("/");
    entries.push({ name: rel.startsWith("..") ? basename(source) : rel, source, mode: 420 });
  }
  return entries;
}

// packages/go-build/src/linkcache.ts
import { copyFile, mkdir, readdir, rm, stat, utimes } from "node:fs/promises";
import { basename as basename2, join } from "node:path";

// packages/go-build/src/placeholders.ts
var PLACEHOLDERS = ["name", "version", "bare_version", "commit", "short_commit", "date", "os", "arch", "variant", "target"], GORELEASER_NAMES = {
  ".ProjectName": "name",
  ".Version": "bare_version",
  ".RawVersion": "bare_version",
  ".Tag": "version",
  ".Commit": "commit",
  ".FullCommit": "commit",
  ".ShortCommit": "short_commit",
  ".Date": "date",
  ".CommitDate": "date",
  ".Os": "os",
  ".Arch": "arch"
}, SHORT_COMMIT_LENGTH = 7, BRACES = /\{([^{}]*)\}/g;
function accepted2() {
  return `accepted: ${PLACEHOLDERS.map((k) => `{${k}}`).join(", ")}, {short_commit:N} (N from 4 to 40)`;
}
function shortCommitLength(key) {
  let m = /^short_commit:(\d+)$/.exec(key);
  if (!m) return;
  let n = Number(m[1]);
  return n >= 4 && n <= 40 ? n : void 0;
}
function refuse(template, key, input) {
  let goreleaser = GORELEASER_NAMES[key.trim()], hint = goreleaser ? ` (goreleaser's {{${key.trim()}}} is {${goreleaser}})` : "";
  return new InputError(input, template, `unknown placeholder {${key}}${hint}; ${accepted2()}`);
}
function checkTemplate(template, input) {
  for (let m of template.matchAll(BRACES)) {
    let key = m[1];
    if (!PLACEHOLDERS.includes(key) && shortCommitLength(key) === void 0) throw refuse(template, key, input);
  }
}
function fillTemplate(template, values, input, check) {
  return template.replace(BRACES, (_, key) => {
    let n = shortCommitLength(key), v = values[key] ?? (n !== void 0 ? values.commit?.slice(0, n) : void 0);
    if (v !== void 0)
      return check?.(v, key), v;
    throw new InputError(
      input,
      template,
      `unknown placeholder {${key}}; accepted: ${Object.keys(values).map((k) => `{${k}}`).join(", ")}`
    );
  });
}
function bareVersion(version) {
  return version.replace(/^v(?=\d)/, "");
}
function placeholderValues(name, info, t) {
  return {
    name,
    version: info.version,
    bare_version: bareVersion(info.version),
    commit: info.commit,
    short_commit: info.commit.slice(0, SHORT_COMMIT_LENGTH),
    date: info.date,
    os: t.os,
    arch: t.arch,
    variant: t.variant,
    target: t.target
  };
}

// packages/go-build/src/ldflags.ts
function quoteLdflagsWord(word, input) {
  if (/[\x00-\x1f\x7f]/.test(word)) throw new InputError(input, word, "control characters and newlines cannot be passed to -ldflags");
  if (!/[\s'"]/.test(word)) return word;
  if (!word.includes("'")) return `'${word}'`;
  if (!word.includes('"')) return `"${word}"`;
  throw new InputError(input, word, "a value may hold single or double quotes, not both (Go's -ldflags quoting has no escapes)");
}
function parseXAssignments(lines) {
  return lines.map((line) => {
    let eq = line.indexOf("="), key = eq > 0 ? line.slice(0, eq).trim() : "";
    if (!/^[\w./~-]+\.[A-Za-z_]\w*$/.test(key))
      throw new InputError("x", line, "accepted: one importpath.name=value per line, e.g. main.buildUser={commit}");
    return { key, template: line.slice(eq + 1) };
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
  for (let { key, template } of o.x) stamps.push([key, fillTemplate(template, o.templateValues, "x"), "x"]);
  for (let [key, value2, input] of stamps) words.push("-X", quoteLdflagsWord(`${key}=${value2}`, input));
  return o.extra && words.push(fillExtraLdflags(o.extra, o.templateValues)), words.join(" ");
}
function fillExtraLdflags(extra, values) {
  return fillTemplate(extra, values, "ldflags", (value2, key) => {
    if (/[\s'"]/.test(value2))
      throw new InputError("ldflags", extra, `{${key}} is ${JSON.stringify(value2)} here, which cannot stand in -ldflags unquoted; use the x input for it`);
  });
}
function vcsFlags(flags) {
  return flags.some((f) => /^--?buildvcs(=|$)/.test(f)) ? [] : ["-buildvcs=false"];
}

// packages/go-build/src/linkcache.ts
var MAX_AGE_MS = 120 * 3600 * 1e3, TEMP_MAX_AGE_MS = 3600 * 1e3, TEMP_MARK = ".tmp-", KINDS = ["link", "archive", "verdict"];
function keptFolder(gocache, env) {
  let base = env.GANTRY_CACHE_DIR?.trim();
  return base ? join(base, "go-build") : join(gocache, "gantry");
}
function dir(kept, kind) {
  return join(kept, kind);
}
var isMissing = (err) => err.code === "ENOENT";
async function linkKey(job) {
  let args = ["list", "-trimpath", ...vcsFlags(job.flags), "-export", "-deps", "-f", "{{if .Export}}{{.Export}}{{end}}"];
  job.tags.length > 0 && args.push(`-tags=${job.tags.join(",")}`), args.push(...job.flags, job.main);
  let r = await exec(job.go, args, { cwd: job.moduleDir, env: job.env, allowFailure: !0 });
  if (r.code !== 0) return;
  let exports = r.stdout.split(`
`).filter(Boolean).map((p) => basename2(p)), target = ["GOOS", "GOARCH", "GOARM", "GOAMD64", "GOARM64", "GO386", "GOMIPS", "GOMIPS64", "GOPPC64", "GORISCV64", "CGO_ENABLED", "GOEXPERIMENT"].map(
    (k) => `${k}=${job.env[k] ?? ""}`
  );
  return sha256(JSON.stringify({ go: job.goVersion, target, ldflags: job.ldflags, tags: job.tags, flags: job.flags, main: job.main, exports }));
}
async function restoreKept(kept, kind, key, dest) {
  let file = join(dir(kept, kind), key.slice(0, 2), key);
  try {
    await copyFile(file, dest);
  } catch (err) {
    if (isMissing(err)) return !1;
    throw err;
  }
  let now = /* @__PURE__ */ new Date();
  return await utimes(file, now, now).catch(() => {
  }), !0;
}
async function isKept(kept, kind, key) {
  let now = /* @__PURE__ */ new Date();
  try {
    return await utimes(join(dir(kept, kind), key.slice(0, 2), key), now, now), !0;
  } catch (err) {
    if (isMissing(err)) return !1;
    throw err;
  }
}
async function keepMarker(kept, kind, key) {
  await writeFileAtomic(join(dir(kept, kind), key.slice(0, 2), key), "");
}
async function keep(kept, kind, key, file) {
  let sub = join(dir(kept, kind), key.slice(0, 2));
  await mkdir(sub, { recursive: !0 }), await copyFileAtomic(file, join(sub, key));
}
async function pruneKept(kept, now = Date.now()) {
  let removed = 0;
  for (let kind of KINDS) {
    let root = dir(kept, kind);
    for (let sub of await readdir(root).catch(() => []))
      for (let f of await readdir(join(root, sub)).catch(() => [])) {
        let p = join(root, sub, f), info = await stat(p).catch((err) => {
          if (!isMissing(err))
            throw err;
        });
        if (!info?.isFile()) continue;
        let maxAge = f.includes(TEMP_MARK) ? TEMP_MAX_AGE_MS : MAX_AGE_MS;
        info.mtimeMs >= now - maxAge || (await rm(p, { force: !0 }), removed++);
      }
  }
  return removed;
}

// packages/go-build/src/cachekey.ts
import { readFile as readFile2, readdir as readdir2 } from "node:fs/promises";
import { join as join2 } from "node:path";
async function goCachePlan(go, targets, cgo, moduleDir, env) {
  let sumFile = join2(moduleDir, "go.sum"), deps = await exists(sumFile) ? await readFile2(sumFile) : await readFile2(join2(moduleDir, "go.mod")), toolchain = `gantry-go-caches2-${`${env.RUNNER_OS ?? process.platform}-${env.RUNNER_ARCH ?? process.arch}`.toLowerCase()}-go${go.version}-cgo${cgo ? 1 : 0}`, targetSet = sha256(targets.map(formatTarget).sort().join(",")).slice(0, 12);
  return {
    paths: [go.gocache, go.gomodcache],
    key: `${toolchain}-${targetSet}-${sha256(deps).slice(0, 16)}`,
    restoreKeys: [`${toolchain}-${targetSet}-`, `${toolchain}-`]
  };
}
async function goCacheEntries(gocache) {
  let dirs = await readdir2(gocache).catch(() => []);
  return (await Promise.all(
    dirs.filter((d) => /^[0-9a-f]{2}$/.test(d)).map(
      (d) => readdir2(join2(gocache, d)).then(
        (f) => f.length,
        () => 0
      )
    )
  )).reduce((a, b) => a + b, 0);
}
function cacheServed(atRestore, afterBuild) {
  return atRestore > 0 && afterBuild - atRestore <= atRestore;
}
async function judgeRestoredCache(matched, atRestore, gocache, reporter) {
  let after = await goCacheEntries(gocache);
  return cacheServed(atRestore, after) ? !0 : (reporter.warning(
    `cache: ${matched} was restored but held little of use (${atRestore} build cache entries; the build added ${after - atRestore}): not reported as a hit, and a new entry is saved after this run`
  ), !1);
}

// packages/go-build/src/compile.ts
import { mkdir as mkdir2, stat as stat2 } from "node:fs/promises";
import { isAbsolute as isAbsolute2, join as join3, relative as relative2, resolve as resolve2 } from "node:path";

// packages/go-build/src/targets.ts
var semver = __toESM(require_semver(), 1), range = (prefix, from, to) => Object.fromEntries(Array.from({ length: to - from + 1 }, (_, i) => [`${prefix}${from + i}`, `${prefix}${from + i}`])), arm64Levels = Object.fromEntries(
  [...Array.from({ length: 10 }, (_, i) => `v8.${i}`), ...Array.from({ length: 6 }, (_, i) => `v9.${i}`)].map((v) => [v, v])
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
    let key = formatTarget(t);
    if (seen.has(key)) throw new InputError("targets", entry, "it is listed twice; list each target once");
    return seen.add(key), { ...t, env: variantEnv(t, entry, goVersion) };
  });
}
function variantEnv(t, entry, goVersion) {
  if (!t.variant) return {};
  if (t.arch === "arm64" && t.variant === "v8") return {};
  let rule = VARIANTS[t.arch];
  if (!rule) throw new InputError("targets", entry, `${t.arch} takes no variant; write ${t.os}/${t.arch}`);
  let value2 = rule.values[t.variant];
  if (value2 === void 0) throw new InputError("targets", entry, `${t.arch} takes the variants ${Object.keys(rule.values).join(", ")}`);
  if (semver.lt(goVersion, rule.since))
    throw new InputError("targets", entry, `${rule.env} (the ${t.arch} variant) needs Go ${rule.since.replace(/\.0$/, "")} or newer; this is go ${goVersion}`);
  return { [rule.env]: value2 };
}

// packages/go-build/src/compile.ts
function goBuildArgs(job, output) {
  let args = ["build", "-trimpath", ...vcsFlags(job.flags), `-ldflags=${job.ldflags}`];
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
async function checkLink(job) {
  let started = performance.now(), out = binaryPath(job);
  await mkdir2(join3(out, ".."), { recursive: !0 });
  let env = goBuildEnv(job), cache = job.linkCache && !job.cgo ? { ...job.linkCache, go: job.go, moduleDir: job.moduleDir, main: job.main, ldflags: job.ldflags, tags: job.tags, flags: job.flags, env } : void 0, key = cache ? await linkKey(cache) : void 0, reused = key !== void 0 && await restoreKept(cache?.kept, "link", key, out);
  return { out, env, key, reused, started };
}
async function link(job, c) {
  try {
    await exec(job.go, goBuildArgs(job, c.out), { cwd: job.moduleDir, env: c.env });
  } catch (err) {
    if (!(err instanceof ExecError)) throw err;
    let output = err.result.stderr || err.result.stdout, first = output.split(`
`).find((l) => l.trim() !== "" && !l.startsWith("#")) ?? `go build exited with ${err.code}`;
    throw new CompileError(job.target, first.trim(), output);
  }
  c.key && job.linkCache && await keep(job.linkCache.kept, "link", c.key, c.out);
}
async function described(job, c) {
  let [info, sha] = await Promise.all([stat2(c.out), sha256File(c.out)]);
  return { target: job.target, path: c.out, size: info.size, sha256: sha, durationMs: performance.now() - c.started, reused: c.reused };
}
async function compile(job) {
  let c = await checkLink(job);
  return c.reused || await link(job, c), described(job, c);
}
function limiter(n) {
  let active = 0, waiting = [];
  return async (fn) => {
    for (; active >= n; ) await new Promise((r) => waiting.push(r));
    active++;
    try {
      return await fn();
    } finally {
      active--, waiting.shift()?.();
    }
  };
}
function compileAnnotations(output, moduleDir, workspace) {
  let found = [];
  for (let line of output.split(`
`)) {
    let m = /^(\S+?\.go):(\d+)(?::(\d+))?: (.+)$/.exec(line.trim());
    if (!m) continue;
    let file = relative2(workspace, isAbsolute2(m[1]) ? m[1] : resolve2(moduleDir, m[1])).split("\\").join("/");
    found.push({ level: "error", title: "go build", file, line: Number(m[2]), col: m[3] ? Number(m[3]) : void 0, message: m[4] });
  }
  return found;
}
async function compileAll(jobs, schedule, reporter, onBuilt) {
  let built = [], failed = [], checks = limiter(Math.max(schedule.limit, schedule.checks ?? 1)), builds = limiter(Math.max(1, schedule.limit)), done = 0, one = async (job) => {
    let label = formatTarget(job.target);
    try {
      let c = await checks(() => checkLink(job));
      if (!c.reused && (await schedule.ready, !await builds(async () => failed.length > 0 ? !1 : (await link(job, c), !0))))
        return;
      let b = await described(job, c);
      built.push(b), onBuilt?.(b), reporter.info(
        `[${++done}/${jobs.length}] ${label}: ${b.reused ? "unchanged, linked binary reused" : "built"} in ${formatDuration(b.durationMs)}, ${formatBytes(b.size)}`
      );
    } catch (err) {
      if (!(err instanceof CompileError)) throw err;
      failed.push(err), reporter.info(`[${++done}/${jobs.length}] ${label}: FAILED`), await reporter.group(`go build output for ${label}`, async () => reporter.info(err.output.trimEnd()));
    }
  }, settled = await Promise.allSettled(jobs.map(one));
  for (let s of settled) if (s.status === "rejected") throw s.reason;
  let order = new Map(jobs.map((j, i) => [formatTarget(j.target), i]));
  return built.sort((a, b) => (order.get(formatTarget(a.target)) ?? 0) - (order.get(formatTarget(b.target)) ?? 0)), { built, failed };
}

// packages/go-build/src/modcheck.ts
import { copyFile as copyFile2, mkdtemp, readFile as readFile4, rm as rm2 } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join as join6 } from "node:path";

// node_modules/diff/libesm/diff/base.js
var Diff = class {
  diff(oldStr, newStr, options = {}) {
    let callback;
    typeof options == "function" ? (callback = options, options = {}) : "callback" in options && (callback = options.callback);
    let oldString = this.castInput(oldStr, options), newString = this.castInput(newStr, options), oldTokens = this.removeEmpty(this.tokenize(oldString, options)), newTokens = this.removeEmpty(this.tokenize(newString, options));
    return this.diffWithOptionsObj(oldTokens, newTokens, options, callback);
  }
  diffWithOptionsObj(oldTokens, newTokens, options, callback) {
    var _a;
    let done = (value2) => {
      if (value2 = this.postProcess(value2, options), callback) {
        setTimeout(function() {
          callback(value2);
        }, 0);
        return;
      } else
        return value2;
    }, newLen = newTokens.length, oldLen = oldTokens.length, editLength = 1, maxEditLength = newLen + oldLen;
    options.maxEditLength != null && (maxEditLength = Math.min(maxEditLength, options.maxEditLength));
    let maxExecutionTime = (_a = options.timeout) !== null && _a !== void 0 ? _a : 1 / 0, abortAfterTimestamp = Date.now() + maxExecutionTime, bestPath = [{ oldPos: -1, lastComponent: void 0 }], newPos = this.extractCommon(bestPath[0], newTokens, oldTokens, 0, options);
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
    for (let i = 0; i < array.length; i++)
      array[i] && ret.push(array[i]);
    return ret;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  castInput(value2, options) {
    return value2;
  }
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  tokenize(value2, options) {
    return Array.from(value2);
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
          let value2 = newTokens.slice(newPos, newPos + component.count);
          value2 = value2.map(function(value3, i) {
            let oldValue = oldTokens[oldPos + i];
            return oldValue.length > value3.length ? oldValue : value3;
          }), component.value = this.join(value2);
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
function tokenize(value2, options) {
  options.stripTrailingCr && (value2 = value2.replace(/\r\n/g, `
`));
  let retLines = [], linesAndNewlines = value2.split(/(\n|\r\n)/);
  linesAndNewlines[linesAndNewlines.length - 1] || linesAndNewlines.pop();
  for (let i = 0; i < linesAndNewlines.length; i++) {
    let line = linesAndNewlines[i];
    i % 2 && !options.newlineIsToken ? retLines[retLines.length - 1] += line : retLines.push(line);
  }
  return retLines;
}

// node_modules/diff/libesm/patch/create.js
function needsQuoting(s) {
  for (let i = 0; i < s.length; i++)
    if (s[i] < " " || s[i] > "~" || s[i] === '"' || s[i] === "\\")
      return !0;
  return !1;
}
function quoteFileNameIfNeeded(s) {
  if (!needsQuoting(s))
    return s;
  let result = '"', bytes = new TextEncoder().encode(s), i = 0;
  for (; i < bytes.length; ) {
    let b = bytes[i];
    b === 7 ? result += "\\a" : b === 8 ? result += "\\b" : b === 9 ? result += "\\t" : b === 10 ? result += "\\n" : b === 11 ? result += "\\v" : b === 12 ? result += "\\f" : b === 13 ? result += "\\r" : b === 34 ? result += '\\"' : b === 92 ? result += "\\\\" : b >= 32 && b <= 126 ? result += String.fromCharCode(b) : result += "\\" + b.toString(8).padStart(3, "0"), i++;
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
    for (let i = 0; i < diff.length; i++) {
      let current = diff[i], lines = current.lines || splitLines(current.value);
      if (current.lines = lines, current.added || current.removed) {
        if (!oldRangeStart) {
          let prev = diff[i - 1];
          oldRangeStart = oldLine, newRangeStart = newLine, prev && (curRange = context > 0 ? contextLines(prev.lines.slice(-context)) : [], oldRangeStart -= curRange.length, newRangeStart -= curRange.length);
        }
        for (let line of lines)
          curRange.push((current.added ? "+" : "-") + line);
        current.added ? newLine += lines.length : oldLine += lines.length;
      } else {
        if (oldRangeStart)
          if (lines.length <= context * 2 && i < diff.length - 2)
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
      for (let i = 0; i < hunk.lines.length; i++)
        hunk.lines[i].endsWith(`
`) ? hunk.lines[i] = hunk.lines[i].slice(0, -1) : (hunk.lines.splice(i + 1, 0, "\\ No newline at end of file"), i++);
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
  var _a, _b, _c, _d, _e, _f;
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
    patch.isCreate && gitOldName === "/dev/null" ? gitOldName = gitNewName.replace(/^b\//, "a/") : patch.isDelete && gitNewName === "/dev/null" && (gitNewName = gitOldName.replace(/^a\//, "b/")), ret.push("diff --git " + quoteFileNameIfNeeded(gitOldName) + " " + quoteFileNameIfNeeded(gitNewName)), patch.isDelete && ret.push("deleted file mode " + ((_a = patch.oldMode) !== null && _a !== void 0 ? _a : "100644")), patch.isCreate && ret.push("new file mode " + ((_b = patch.newMode) !== null && _b !== void 0 ? _b : "100644")), patch.oldMode && patch.newMode && !patch.isDelete && !patch.isCreate && (ret.push("old mode " + patch.oldMode), ret.push("new mode " + patch.newMode)), patch.isRename && (ret.push("rename from " + quoteFileNameIfNeeded(((_c = patch.oldFileName) !== null && _c !== void 0 ? _c : "").replace(/^a\//, ""))), ret.push("rename to " + quoteFileNameIfNeeded(((_d = patch.newFileName) !== null && _d !== void 0 ? _d : "").replace(/^b\//, "")))), patch.isCopy && (ret.push("copy from " + quoteFileNameIfNeeded(((_e = patch.oldFileName) !== null && _e !== void 0 ? _e : "").replace(/^a\//, ""))), ret.push("copy to " + quoteFileNameIfNeeded(((_f = patch.newFileName) !== null && _f !== void 0 ? _f : "").replace(/^b\//, ""))));
  } else
    headerOptions.includeIndex && patch.oldFileName == patch.newFileName && patch.oldFileName !== void 0 && ret.push("Index: " + patch.oldFileName), headerOptions.includeUnderline && ret.push("===================================================================");
  let hasHunks = patch.hunks.length > 0;
  headerOptions.includeFileHeaders && patch.oldFileName !== void 0 && patch.newFileName !== void 0 && (!patch.isGit || hasHunks) && (ret.push("--- " + quoteFileNameIfNeeded(patch.oldFileName) + (patch.oldHeader ? "	" + patch.oldHeader : "")), ret.push("+++ " + quoteFileNameIfNeeded(patch.newFileName) + (patch.newHeader ? "	" + patch.newHeader : "")));
  for (let i = 0; i < patch.hunks.length; i++) {
    let hunk = patch.hunks[i], oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart, newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
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
function splitLines(text2) {
  let hasTrailingNl = text2.endsWith(`
`), result = text2.split(`
`).map((line) => line + `
`);
  return hasTrailingNl ? result.pop() : result.push(result.pop().slice(0, -1)), result;
}

// packages/go-build/src/modcheck.ts
var semver2 = __toESM(require_semver(), 1);

// packages/go-build/src/modules.ts
import { join as join4 } from "node:path";
var DEFAULT_GOPROXY = "https://proxy.golang.org,direct", DEFAULT_GOSUMDB = "sum.golang.org", NETWORK = /dial tcp|connection refused|no such host|i\/o timeout|TLS handshake|network is unreachable|Client\.Timeout/;
function shownProxy(value2) {
  return value2.split(/([,|])/).map((p) => /^[a-z]+:\/\//i.test(p) ? redactUrl(p).replace(/\/$/, p.endsWith("/") ? "/" : "") : p).join("");
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
function moduleCommandError(what, err, env) {
  if (!(err instanceof ExecError)) return err;
  let output = `${err.result.stderr}
${err.result.stdout}`.trim(), why = explainModuleFailure(output, env);
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
  } catch (err) {
    throw moduleCommandError("go mod download", err, env);
  }
  reporter.info(`modules: go mod download, once for every target, took ${formatDuration(performance.now() - started)}`);
}

// packages/go-build/src/modverdict.ts
import { readFile as readFile3, stat as stat3 } from "node:fs/promises";
import { join as join5 } from "node:path";
var ENV_KEYS = ["GOFLAGS", "GOWORK", "GOPRIVATE", "GONOSUMDB", "GONOSUMCHECK", "GOSUMDB", "GOINSECURE", "GOPROXY", "GOTOOLCHAIN"];
function escapeModulePath(path) {
  return path.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}
function sumModules(goSum) {
  let found = [];
  for (let line of goSum.split(`
`)) {
    let [path, version] = line.trim().split(/\s+/);
    path && version && !version.endsWith("/go.mod") && found.push([path, version]);
  }
  return found;
}
async function fingerprint(path) {
  let s = await stat3(path, { bigint: !0 }).catch(() => {
  });
  return s ? `${s.ino}:${s.size}:${s.ctimeNs}` : "-";
}
var readOr = (path) => readFile3(path, "utf8").catch(() => "");
async function verdictKey(v) {
  let [goMod, goSum] = await Promise.all([readOr(join5(v.moduleDir, "go.mod")), readOr(join5(v.moduleDir, "go.sum"))]), copies = await Promise.all(
    sumModules(goSum).map(async ([path, version]) => {
      let [p, ver] = [escapeModulePath(path), escapeModulePath(version)], zip3 = join5(v.gomodcache, "cache", "download", p, "@v", `${ver}.zip`);
      return `${path}@${version} ${await fingerprint(zip3)} ${await fingerprint(join5(v.gomodcache, `${p}@${ver}`))}`;
    })
  ), env = ENV_KEYS.map((k) => `${k}=${v.env[k] ?? ""}`);
  return sha256(JSON.stringify({ go: v.goVersion, dir: v.moduleDir, modcache: v.gomodcache, env, goMod, goSum, copies }));
}
var verifiedBefore = (kept, key) => isKept(kept, "verdict", key), recordVerified = (kept, key) => keepMarker(kept, "verdict", key);

// packages/go-build/src/modcheck.ts
async function readOr2(path, fallback) {
  return await exists(path) ? readFile4(path, "utf8") : fallback;
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
  let tmp = await mkdtemp(join6(tmpdir(), "gantry-tidy-"));
  try {
    let modPath = join6(moduleDir, "go.mod"), sumPath = join6(moduleDir, "go.sum");
    await copyFile2(modPath, join6(tmp, "go.mod")), await exists(sumPath) && await copyFile2(sumPath, join6(tmp, "go.sum"));
    try {
      await exec(go, ["mod", "tidy", `-modfile=${join6(tmp, "go.mod")}`], { cwd: moduleDir, env, timeoutMs: 3e5 });
    } catch (err) {
      throw moduleCommandError("go mod tidy (mod-check: verify; set mod-check: off to skip)", err, env);
    }
    let patches = [];
    for (let [name, path] of [
      ["go.mod", modPath],
      ["go.sum", sumPath]
    ]) {
      let before = await readOr2(path, ""), after = await readOr2(join6(tmp, name), "");
      before !== after && patches.push(createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, "", "", { context: 2 }));
    }
    if (patches.length > 0) throw untidy(patches.join(`
`));
  } finally {
    await rm2(tmp, { recursive: !0, force: !0 });
  }
}
async function verifyModules(go, goVersion, moduleDir, env, cache) {
  let key = cache ? await verdictKey({ goVersion, moduleDir, gomodcache: cache.gomodcache, env }) : void 0;
  if (cache && key && await verifiedBefore(cache.kept, key)) return "kept";
  try {
    await exec(go, ["mod", "verify"], { cwd: moduleDir, env, timeoutMs: 3e5 });
  } catch (err) {
    throw moduleCommandError(`go mod verify in ${moduleDir}`, err, env);
  }
  return cache && key && await recordVerified(cache.kept, key), "ran";
}
async function checkModule(go, goVersion, moduleDir, env, reporter, cache) {
  let diff = semver2.gte(semver2.coerce(goVersion) ?? "0.0.0", "1.23.0"), [verified, tidy] = await Promise.allSettled([
    verifyModules(go, goVersion, moduleDir, env, cache),
    diff ? tidyDiff(go, moduleDir, env) : tidyOnCopies(go, moduleDir, env)
  ]);
  if (verified.status === "rejected") throw verified.reason;
  if (tidy.status === "rejected") throw tidy.reason;
  let how = verified.value === "kept" ? "passed before for these go.mod, go.sum and module copies (verdict kept in GOCACHE)" : "passed";
  reporter?.info(`mod-check: go mod verify ${how} and go mod tidy${diff ? " -diff" : " (on copies)"} would change nothing`);
}

// packages/go-build/src/outdir.ts
import { mkdir as mkdir3, mkdtemp as mkdtemp2, readdir as readdir4, rename, rm as rm4 } from "node:fs/promises";
import { dirname, join as join8, relative as relative3, resolve as resolve3 } from "node:path";

// packages/go-build/src/staging.ts
import { readFileSync, readdirSync, rmSync } from "node:fs";
import { readFile as readFile5, readdir as readdir3, rm as rm3, stat as stat4, writeFile as writeFile2 } from "node:fs/promises";
import { constants, hostname } from "node:os";
import { join as join7 } from "node:path";
var STAGING_PREFIX = ".gantry-staging-", OWNER_FILE = ".gantry-owner.json", UNOWNED_STALE_MS = 24 * 36e5;
async function bootId() {
  return (await readFile5("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "")).trim();
}
async function procStat(pid) {
  let text2 = await readFile5(`/proc/${pid}/stat`, "utf8").catch(() => {
  });
  if (text2 === void 0) return;
  let fields = text2.slice(text2.lastIndexOf(")") + 2).split(" ");
  return { state: fields[0] ?? "", start: fields[19] ?? "" };
}
async function ownerOfThisProcess() {
  return { pid: process.pid, machine: hostname(), boot: await bootId(), start: (await procStat(process.pid))?.start ?? "" };
}
async function claimStaging(staging) {
  await writeFile2(join7(staging, OWNER_FILE), `${JSON.stringify(await ownerOfThisProcess())}
`);
}
async function ownerGone(owner) {
  if (owner.machine !== hostname() || !Number.isInteger(owner.pid) || owner.pid <= 1) return !1;
  let boot = await bootId();
  if (owner.boot && boot && owner.boot !== boot) return !0;
  let proc = await procStat(owner.pid);
  if (proc) return proc.state === "Z" || proc.state === "X" || owner.start !== "" && proc.start !== owner.start;
  try {
    return process.kill(owner.pid, 0), !1;
  } catch (err) {
    return err.code !== "EPERM";
  }
}
async function isStale(folder) {
  let text2 = await readFile5(join7(folder, OWNER_FILE), "utf8").catch(() => {
  });
  if (text2 === void 0) return Date.now() - (await stat4(folder)).mtimeMs > UNOWNED_STALE_MS;
  try {
    return await ownerGone(JSON.parse(text2));
  } catch {
    return !1;
  }
}
async function removeStaleStaging(dir2) {
  let names = (await readdir3(dir2).catch(() => [])).filter((n) => n.startsWith(STAGING_PREFIX)), removed = [];
  for (let n of names) {
    let folder = join7(dir2, n);
    await isStale(folder).catch(() => !1) && (await rm3(folder, { recursive: !0, force: !0 }), removed.push(n));
  }
  return removed;
}
var live = /* @__PURE__ */ new Set();
function onSignal(signal) {
  for (let pid of childPids())
    try {
      process.kill(pid, "SIGTERM");
    } catch {
    }
  for (let folder of live) rmSync(folder, { recursive: !0, force: !0 });
  process.stderr.write(`go-build: ${signal} received; removed the staging folder${live.size === 1 ? "" : "s"} ${[...live].join(", ")}
`), process.exit(128 + (constants.signals[signal] ?? 15));
}
function childPids() {
  try {
    return readdirSync("/proc/self/task").flatMap((t) => readFileSync(`/proc/self/task/${t}/children`, "utf8").split(" ").filter(Boolean).map(Number));
  } catch {
    return [];
  }
}
function guardStaging(staging) {
  return live.size === 0 && (process.on("SIGTERM", onSignal), process.on("SIGINT", onSignal)), live.add(staging), {
    release: () => {
      live.delete(staging), live.size === 0 && (process.off("SIGTERM", onSignal), process.off("SIGINT", onSignal));
    }
  };
}

// packages/go-build/src/outdir.ts
async function previousOutputs(outDir) {
  let manifestPath = join8(outDir, MANIFEST_FILE);
  if (!await exists(manifestPath)) return [];
  try {
    let m = await readManifest(manifestPath), files = /* @__PURE__ */ new Set([manifestPath]);
    m.checksums && files.add(resolveInManifest(manifestPath, m.checksums)), m.provenance && files.add(resolveInManifest(manifestPath, m.provenance));
    for (let a of m.artifacts) {
      let bin = resolveInManifest(manifestPath, a.path);
      files.add(dirname(bin) === resolve3(outDir) ? bin : dirname(bin)), a.archive && files.add(resolveInManifest(manifestPath, a.archive));
    }
    return [...files].filter((f) => !relative3(resolve3(outDir), f).startsWith("..") && resolve3(f) !== resolve3(outDir));
  } catch {
    return [manifestPath];
  }
}
var OutDir = class _OutDir {
  constructor(dir2, staging, removedStale, guard) {
    this.dir = dir2;
    this.staging = staging;
    this.removedStale = removedStale;
    this.guard = guard;
  }
  dir;
  staging;
  removedStale;
  guard;
  static async open(dir2) {
    await mkdir3(dir2, { recursive: !0 });
    let removedStale = await removeStaleStaging(dir2), staging = await mkdtemp2(join8(dir2, STAGING_PREFIX)), guard = guardStaging(staging);
    try {
      await claimStaging(staging);
    } catch (err) {
      throw guard.release(), await rm4(staging, { recursive: !0, force: !0 }), err;
    }
    return new _OutDir(dir2, staging, removedStale, guard);
  }
  /** Path in the staging folder for a name relative to out-dir. */
  staged(name) {
    return join8(this.staging, name);
  }
  async commit() {
    for (let f of await previousOutputs(this.dir)) await rm4(f, { recursive: !0, force: !0 });
    let names = (await readdir4(this.staging)).filter((n) => n !== OWNER_FILE);
    names.sort((a, b) => +(a === MANIFEST_FILE) - +(b === MANIFEST_FILE));
    for (let n of names)
      await rm4(join8(this.dir, n), { recursive: !0, force: !0 }), await rename(join8(this.staging, n), join8(this.dir, n));
    await rm4(this.staging, { recursive: !0, force: !0 }), this.guard.release();
  }
  async abandon() {
    let removed = await previousOutputs(this.dir);
    for (let f of removed) await rm4(f, { recursive: !0, force: !0 });
    return await rm4(this.staging, { recursive: !0, force: !0 }), this.guard.release(), removed;
  }
};

// packages/go-build/src/sbom/cyclonedx.ts
var Enums = __toESM(require_enums(), 1), Models = __toESM(require_models(), 1), Serialize = __toESM(require_index_node(), 1), Spec = __toESM(require_spec(), 1);

// packages/go-build/src/buildinfo.ts
async function readGoBinaryInfo(go, binary, env) {
  let r = await exec(go, ["version", "-m", "-json", binary], { env, allowFailure: !0 });
  if (r.code === 0) return parseGoBinaryInfo(r.stdout, binary);
  if (/flag provided but not defined/.test(r.stderr)) {
    let text2 = await exec(go, ["version", "-m", binary], { env, allowFailure: !0 });
    if (text2.code === 0) return parseGoBinaryInfo(JSON.stringify(parseGoVersionText(text2.stdout)), binary);
  }
  throw new GantryError(`sbom: \`go version -m -json ${binary}\` failed (${r.stderr.trim().split(`
`)[0]}); it has no Go build info`);
}
function parseGoVersionText(text2) {
  let raw = { GoVersion: text2.split(`
`)[0]?.split(": ").pop()?.trim(), Deps: [], Settings: [] }, last;
  for (let line of text2.split(`
`).slice(1)) {
    let [kind, a = "", b = "", c = ""] = line.replace(/^\t/, "").split("	");
    if (kind === "path") raw.Path = a;
    else if (kind === "mod" || kind === "dep")
      last = { Path: a, Version: b, Sum: c }, kind === "mod" ? raw.Main = last : raw.Deps?.push(last);
    else if (kind === "=>" && last) last.Replace = { Path: a, Version: b, Sum: c };
    else if (kind === "build") {
      let eq = a.indexOf("=");
      raw.Settings?.push(eq < 0 ? { Key: a, Value: "" } : { Key: a.slice(0, eq), Value: unquote(a.slice(eq + 1)) });
    }
  }
  return raw;
}
function parseGoBinaryInfo(json, binary) {
  let raw;
  try {
    raw = JSON.parse(json);
  } catch (err) {
    throw new GantryError(`sbom: the build info of ${binary} is not JSON: ${err.message}`);
  }
  if (!raw.GoVersion || !raw.Main?.Path) throw new GantryError(`sbom: ${binary} has no Go version or main module in its build info`);
  return {
    goVersion: raw.GoVersion,
    path: raw.Path ?? raw.Main.Path,
    main: toModule(raw.Main),
    deps: (raw.Deps ?? []).map(toModule).sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
    settings: (raw.Settings ?? []).map((s) => ({ key: s.Key ?? "", value: s.Value ?? "" }))
  };
}
function unquote(v) {
  if (!v.startsWith('"')) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
function toModule(m) {
  let mod = { path: m.Path ?? "", version: m.Version ?? "", sum: m.Sum ?? "" };
  return m.Replace?.Path && (mod.replace = { path: m.Replace.Path, version: m.Replace.Version ?? "", sum: m.Replace.Sum ?? "" }), mod;
}
function builtModule(m) {
  return m.replace ? { path: m.replace.path, version: m.replace.version, sum: m.replace.sum } : m;
}
function goPurl(path, version) {
  let name = path.split("/").map((p) => encodeURIComponent(p)).join("/");
  return version && version !== "(devel)" ? `pkg:golang/${name}@${encodeURIComponent(version)}` : `pkg:golang/${name}`;
}
function stdlibPurl(goVersion) {
  return `pkg:golang/stdlib@${goVersion.replace(/^go/, "")}`;
}

// packages/go-build/src/sbom/subject.ts
import { createHash } from "node:crypto";
var SBOM_TOOL = { vendor: "gantry", name: "gantry", version: GANTRY_VERSION };
function uuidV5(name) {
  let namespace = Buffer.from("6ba7b8119dad11d180b400c04fd430c8", "hex"), h = createHash("sha1").update(namespace).update(name).digest().subarray(0, 16);
  h[6] = h[6] & 15 | 80, h[8] = h[8] & 63 | 128;
  let x = h.toString("hex");
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}
function sbomUri(subject, format) {
  return `https://github.com/gantry-dev/gantry/sbom/${format}/${subject.sha256}`;
}
function settingText(s) {
  return s.value === "" ? s.key : `${s.key}=${s.value}`;
}
function mainPurl(subject) {
  return goPurl(subject.info.main.path, subject.version || subject.info.main.version);
}

// packages/go-build/src/sbom/cyclonedx.ts
function cyclonedxJson(subject) {
  let bom = new Models.Bom({ version: 1, serialNumber: `urn:uuid:${uuidV5(sbomUri(subject, "cyclonedx"))}` });
  bom.metadata.timestamp = new Date(subject.date), bom.metadata.tools.components.add(
    new Models.Component(Enums.ComponentType.Application, SBOM_TOOL.name, { version: SBOM_TOOL.version, group: SBOM_TOOL.vendor })
  );
  let main = mainComponent(subject);
  bom.metadata.component = main;
  let stdlib = new Models.Component(Enums.ComponentType.Library, "stdlib", {
    bomRef: stdlibPurl(subject.info.goVersion),
    version: subject.info.goVersion,
    purl: stdlibPurl(subject.info.goVersion)
  }), deps = subject.info.deps.map(moduleComponent);
  for (let c of [stdlib, ...deps])
    bom.components.add(c), main.dependencies.add(c.bomRef);
  return `${new Serialize.JsonSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6)).serialize(bom, { sortLists: !0, space: 2 })}
`;
}
function mainComponent(subject) {
  let { info } = subject, purl = mainPurl(subject), main = new Models.Component(Enums.ComponentType.Application, info.main.path, { bomRef: `${purl}#${subject.file}`, version: subject.version, purl });
  main.hashes.set(Enums.HashAlgorithm["SHA-256"], subject.sha256);
  let props = [
    ["gantry:go:file", subject.file],
    ["gantry:go:package", info.path],
    ["gantry:go:version", info.goVersion],
    ...info.settings.map((s) => [settingName(s.key), settingText(s)])
  ];
  for (let [name, value2] of props) main.properties.add(new Models.Property(name, value2));
  return main;
}
function settingName(key) {
  return /^(GO[A-Z0-9]*|CGO_[A-Z_]+)$/.test(key) ? `cdx:gomod:build:env:${key}` : `gantry:go:build:${key.replace(/^-/, "")}`;
}
function moduleComponent(m) {
  let built = builtModule(m), purl = goPurl(built.path, built.version), c = new Models.Component(Enums.ComponentType.Library, m.path, { bomRef: purl, version: m.version || void 0, purl });
  return built.sum && c.properties.add(new Models.Property("gantry:go:module:sum", built.sum)), m.replace && c.properties.add(new Models.Property("gantry:go:module:replace", `${m.replace.path} ${m.replace.version}`.trim())), c;
}

// packages/go-build/src/sbom/spdx.ts
var TOOL = `Tool: ${SBOM_TOOL.name}-${SBOM_TOOL.version}`;
function spdxDocument(subject) {
  let { info } = subject, main = mainPackage(subject), stdlib = basePackage("SPDXRef-Package-stdlib", "stdlib", info.goVersion, [purlRef(stdlibPurl(info.goVersion))]), deps = info.deps.map((m, i) => modulePackage(m, i));
  return {
    spdxVersion: "SPDX-2.3",
    dataLicense: "CC0-1.0",
    SPDXID: "SPDXRef-DOCUMENT",
    name: subject.file,
    documentNamespace: sbomUri(subject, "spdx"),
    creationInfo: {
      created: subject.date,
      creators: [TOOL],
      comment: `From the Go build information of ${subject.file} (${info.goVersion}), read with go version -m.`
    },
    packages: [main, stdlib, ...deps],
    relationships: [
      { spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: main.SPDXID },
      ...[stdlib, ...deps].map((p) => ({ spdxElementId: main.SPDXID, relationshipType: "DEPENDS_ON", relatedSpdxElement: p.SPDXID }))
    ]
  };
}
function basePackage(SPDXID, name, version, externalRefs) {
  return {
    name,
    SPDXID,
    ...version ? { versionInfo: version } : {},
    downloadLocation: "NOASSERTION",
    filesAnalyzed: !1,
    licenseConcluded: "NOASSERTION",
    licenseDeclared: "NOASSERTION",
    copyrightText: "NOASSERTION",
    primaryPackagePurpose: "LIBRARY",
    externalRefs
  };
}
function mainPackage(subject) {
  let { info } = subject;
  return {
    ...basePackage("SPDXRef-Package-main", info.main.path, subject.version, [purlRef(mainPurl(subject))]),
    packageFileName: subject.file,
    checksums: [{ algorithm: "SHA256", checksumValue: subject.sha256 }],
    primaryPackagePurpose: "APPLICATION",
    annotations: [`main package ${info.path}`, `go ${info.goVersion}`, ...info.settings.map((s) => `go build setting ${settingText(s)}`)].map((comment) => ({
      annotationDate: subject.date,
      annotationType: "OTHER",
      annotator: TOOL,
      comment
    }))
  };
}
function modulePackage(m, index) {
  let built = builtModule(m), refs = [purlRef(goPurl(built.path, built.version))];
  built.sum && refs.push({ referenceCategory: "OTHER", referenceType: "go-module-sum", referenceLocator: built.sum, comment: "go.sum h1: hash (dirhash)" });
  let p = basePackage(`SPDXRef-Package-${index + 1}-${spdxIdPart(m.path)}`, m.path, m.version, refs);
  return m.replace && (p.sourceInfo = `built from ${`${m.replace.path} ${m.replace.version}`.trim()} (go.mod replace)`), p;
}
function purlRef(purl) {
  return { referenceCategory: "PACKAGE-MANAGER", referenceType: "purl", referenceLocator: purl };
}
function spdxIdPart(path) {
  return path.replace(/[^A-Za-z0-9.-]+/g, "-");
}

// packages/go-build/src/sbom/write.ts
import { writeFile as writeFile3 } from "node:fs/promises";
var SBOM_FORMATS = ["spdx", "cyclonedx", "both", "none"];
async function writeSboms(req) {
  if (req.format === "none") return;
  let subject = {
    file: req.file,
    sha256: req.sha256,
    version: req.version,
    date: req.date,
    info: await readGoBinaryInfo(req.go, req.binary, req.env)
  }, sbom = {};
  return (req.format === "spdx" || req.format === "both") && (await writeFile3(`${req.binary}${SBOM_SUFFIXES.spdx}`, `${JSON.stringify(spdxDocument(subject), null, 2)}
`), sbom.spdx = `${req.file}${SBOM_SUFFIXES.spdx}`), (req.format === "cyclonedx" || req.format === "both") && (await writeFile3(`${req.binary}${SBOM_SUFFIXES.cyclonedx}`, cyclonedxJson(subject)), sbom.cyclonedx = `${req.file}${SBOM_SUFFIXES.cyclonedx}`), sbom;
}

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
  let ref = env.GITHUB_REF ?? "", [described2, head, commitTime] = await Promise.all([
    explicitVersion || ref.startsWith("refs/tags/") ? void 0 : git(cwd, ["describe", "--tags", "--always", "--dirty"]),
    env.GITHUB_SHA ? void 0 : git(cwd, ["rev-parse", "HEAD"]),
    git(cwd, ["log", "-1", "--format=%ct"])
  ]), version = explicitVersion || (ref.startsWith("refs/tags/") ? ref.slice(10) : described2) || "0.0.0-dev", commit = env.GITHUB_SHA || head || "none", sde = env.SOURCE_DATE_EPOCH?.trim(), epoch = 0, dateSource = "none";
  return sde && /^\d+$/.test(sde) ? (epoch = Number(sde), dateSource = "SOURCE_DATE_EPOCH") : commitTime && /^\d+$/.test(commitTime) && (epoch = Number(commitTime), dateSource = "commit"), { version, commit, date: new Date(epoch * 1e3).toISOString().replace(".000Z", "Z"), epoch, dateSource };
}

// packages/go-build/src/build.ts
function defaultParallelism(cpus = availableParallelism()) {
  return Math.max(1, Math.floor(cpus / 2));
}
async function resolveToolchain(inputs, ctx) {
  let spec = inputs.goVersion ? await goVersionRange(inputs.goVersion) : inputs.goVersionFile ? await goVersionRange(await goVersionFromFile(inputs.goVersionFile), "go-version-file") : void 0;
  return resolveGo(spec, inputs.goDownloadBaseUrl, ctx.reporter);
}
async function moduleInfo(go, inputs, env) {
  let goMod = join9(inputs.workingDirectory, "go.mod");
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
function planArchiveNames(inputs, targets, baseName) {
  let archiveNames = /* @__PURE__ */ new Map();
  for (let t of targets) {
    let fmt = archiveFormat(inputs, t);
    if (!fmt) continue;
    let base = baseName(t);
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
  return archiveNames;
}
function compileFailure(failed, moduleDir, ctx) {
  let seen = /* @__PURE__ */ new Set();
  for (let f of failed)
    for (let a of compileAnnotations(f.output, moduleDir, ctx.cwd)) {
      let key = `${a.file}:${a.line}:${a.col}:${a.message}`;
      seen.has(key) || ctx.reporter.annotate({ ...a, title: `go build (${formatTarget(f.target)})` }), seen.add(key);
    }
  return new GantryError(failed.map((f) => f.message).join(`
`));
}
async function goBuild(inputs, ctx) {
  let started = performance.now(), { reporter } = ctx, env = { ...ctx.env }, found = await resolveToolchain(inputs, ctx), go = { ...found, gocache: env.GOCACHE || found.gocache, gomodcache: env.GOMODCACHE || found.gomodcache }, kept = keptFolder(go.gocache, env), [{ stdout: dist }, mod, detected] = await Promise.all([
    exec(go.go, ["tool", "dist", "list"], { env }),
    moduleInfo(go, inputs, env),
    detectBuildInfo(inputs.workingDirectory, inputs.version, env)
  ]), naming2 = await inputs.naming?.resolve(detected, {
    cwd: inputs.workingDirectory,
    tagged: !!inputs.version || !!env.GITHUB_REF?.startsWith("refs/tags/")
  }), info = naming2 ? { ...detected, version: naming2.version } : detected, targets = resolveTargets(inputs.targets, dist.split(`
`).filter(Boolean), go.version), name = inputs.name || (inputs.main === "." ? mod.modulePath.split("/").pop() : basename3(inputs.main)), xs = parseXAssignments(inputs.x), extras = await extraFiles(inputs);
  info.dateSource === "none" && reporter.notice(
    "no commit time (not a git checkout?) and no SOURCE_DATE_EPOCH: build date and archive times set to 1970-01-01 so the output stays reproducible"
  );
  let templateFor = (t) => placeholderValues(name, info, { ...t, target: formatTarget(t) }), extraLdflags = (t) => {
    let filled = naming2?.ldflags(t);
    return filled === void 0 ? inputs.ldflags : (checkLdflags(filled, "goreleaser-config"), filled);
  }, ldflags = new Map(targets.map((t) => [t, buildLdflags({ strip: inputs.strip, info, x: xs, templateValues: templateFor(t), extra: extraLdflags(t) })])), archiveNames = planArchiveNames(inputs, targets, (t) => naming2?.archive(t) ?? fillTemplate(inputs.archiveName, templateFor(t), "archive-name"));
  reporter.info(`go ${go.version}: building ${name} ${info.version} (${info.commit.slice(0, 12)}, ${info.date}) for ${targets.map(formatTarget).join(", ")}`);
  let restored = inputs.cache ? await restoreCache(await goCachePlan(go, targets, inputs.cgo, inputs.workingDirectory, env), reporter, ctx.state) : void 0, entriesAtRestore = restored?.available ? await goCacheEntries(go.gocache) : 0;
  await downloadModules(go.go, inputs.workingDirectory, env, reporter);
  let modChecked = inputs.modCheck === "verify" ? checkModule(go.go, go.version, inputs.workingDirectory, env, reporter, inputs.cache ? { kept, gomodcache: go.gomodcache } : void 0) : Promise.resolve(), out = await OutDir.open(inputs.outDir);
  out.removedStale.length > 0 && reporter.info(`out-dir: removed ${out.removedStale.join(", ")}, left by killed runs whose process is gone`);
  try {
    let jobs = targets.map((target) => ({
      go: go.go,
      linkCache: { goVersion: go.version, kept },
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
    })), parts = { inputs, name, archiveNames, extras, info, go, env, out, kept }, { built, artifacts } = await buildArtifacts(jobs, inputs.parallel || defaultParallelism(), modChecked, parts, ctx), goMs = built.reduce((s, b) => s + b.durationMs, 0), { manifest, checksumsName } = await writeRelease({ inputs, artifacts, name, info, go, kept, out, reporter, checksumsName: naming2?.checksums });
    await out.commit();
    let cacheHit = restored?.hit === !0 && await judgeRestoredCache(restored.matched, entriesAtRestore, go.gocache, reporter);
    return restored?.settle(cacheHit), {
      manifestPath: join9(inputs.outDir, MANIFEST_FILE),
      manifest,
      checksumsPath: checksumsName ? join9(inputs.outDir, checksumsName) : void 0,
      artifacts: artifacts.map((a, i) => ({ ...a, absolutePath: join9(inputs.outDir, a.path), buildMs: built[i].durationMs })),
      info,
      go,
      cacheHit,
      timing: { totalMs: performance.now() - started, goMs }
    };
  } catch (err) {
    let removed = await out.abandon();
    throw removed.length > 0 && reporter.info(
      `out-dir: removed the previous run's outputs (${removed.map((f) => relative4(inputs.outDir, f)).join(", ")}) so nothing stale looks current`
    ), err;
  }
}
async function artifactOf(b, p) {
  let { inputs, name, archiveNames, extras, info, go, env, out, kept } = p, rel = (f) => relative4(out.staging, f).split("\\").join("/"), [artifact, sbom] = await Promise.all([
    toArtifact(b, name, archiveNames.get(b.target), extras, info, out, rel, kept),
    writeSboms({ format: inputs.sbom, go: go.go, env, binary: b.path, file: rel(b.path), sha256: b.sha256, version: info.version, date: info.date })
  ]);
  return sbom ? { ...artifact, sbom } : artifact;
}
async function buildArtifacts(jobs, limit, modChecked, parts, ctx) {
  let pending = /* @__PURE__ */ new Map(), onBuilt = (b) => {
    let artifact = artifactOf(b, parts);
    artifact.catch(() => {
    }), pending.set(b, artifact);
  }, { built, failed } = await compileChecked(jobs, limit, modChecked, ctx.reporter, onBuilt).catch(async (err) => {
    throw await Promise.allSettled(pending.values()), err;
  });
  if (failed.length > 0)
    throw await Promise.allSettled(pending.values()), compileFailure(failed, parts.inputs.workingDirectory, ctx);
  return { built, artifacts: await allSettledOrThrow(built.map((b) => pending.get(b))) };
}
async function allSettledOrThrow(promises) {
  let settled = await Promise.allSettled(promises), failed = settled.find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
  return settled.map((r) => r.value);
}
async function writeRelease(p) {
  let { inputs, artifacts, name, info, go, kept, out, reporter } = p;
  await pruneKept(kept).catch((err) => reporter.info(`could not prune old links and archives kept in ${kept}: ${err}`));
  let checksumsName;
  inputs.checksums && (checksumsName = p.checksumsName ?? "checksums.txt", await writeChecksums(out.staged(checksumsName), await checksumLines(artifacts, (f) => out.staged(f))));
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
  return await writeManifest(out.staged(MANIFEST_FILE), manifest), { manifest, checksumsName };
}
async function compileChecked(jobs, limit, modChecked, reporter, onBuilt) {
  let [compiled, checked] = await Promise.allSettled([
    compileAll(jobs, { limit, checks: availableParallelism(), ready: modChecked }, reporter, onBuilt),
    modChecked
  ]);
  if (checked.status === "rejected") throw checked.reason;
  if (compiled.status === "rejected") throw compiled.reason;
  return compiled.value;
}
async function toArtifact(b, name, archiveName, extras, info, out, rel, kept) {
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
    let format = archiveName.endsWith(".zip") ? "zip" : "tar.gz", entries = [{ name: basename3(b.path), source: b.path, mode: 493 }, ...extras], dest = out.staged(archiveName), key = await archiveKey(format, entries, info.epoch, /* @__PURE__ */ new Map([[b.path, b.sha256]]));
    await restoreKept(kept, "archive", key, dest) || (await writeFile4(dest, format === "zip" ? await zip2(entries, info.epoch) : await tarGz(entries, info.epoch)), await keep(kept, "archive", key, dest)), artifact.archive = archiveName, artifact["archive-sha256"] = await sha256File(dest);
  }
  return artifact;
}

// packages/go-build/src/inputs.ts
import { isAbsolute as isAbsolute3, resolve as resolve5 } from "node:path";

// packages/go-build/src/goreleaser/index.ts
import { join as join11 } from "node:path";

// packages/go-build/src/goreleaser/config.ts
import { readFileSync as readFileSync2 } from "node:fs";
var import_yaml = __toESM(require_dist(), 1), INPUT = "goreleaser-config", ELSEWHERE = {
  dockers: "the image stage (actions/image)",
  dockers_v2: "the image stage (actions/image)",
  docker_manifests: "the image stage (actions/image)",
  kos: "the image stage (actions/image)",
  upx: "go-build's upx input",
  sboms: "go-build's sbom input",
  dist: "go-build's out-dir input",
  before: "a step before go-build",
  gomod: "go-build's mod-check input",
  release: "",
  changelog: ""
}, READ = /* @__PURE__ */ new Set(["version", "project_name", "builds", "archives", "checksum", "snapshot", "env"]), BUILD_KEYS = /* @__PURE__ */ new Set([
  "id",
  "main",
  "binary",
  "dir",
  "goos",
  "goarch",
  "goarm",
  "goamd64",
  "ignore",
  "targets",
  "flags",
  "ldflags",
  "tags",
  "env",
  "mod_timestamp",
  "skip",
  "builder"
]), BUILD_NOTICE = { hooks: "steps before and after go-build", no_unique_dist_dir: "", no_main_check: "" }, ARCHIVE_KEYS = /* @__PURE__ */ new Set([
  "id",
  "ids",
  "builds",
  "name_template",
  "formats",
  "format",
  "format_overrides",
  "files",
  "wrap_in_directory",
  "builds_info",
  "meta"
]), isObj = (v) => typeof v == "object" && v !== null && !Array.isArray(v), bad = (field2, value2, accepted3) => new InputError(INPUT, `${field2}: ${typeof value2 == "string" ? value2 : JSON.stringify(value2)}`, accepted3);
function text(o, key, field2) {
  let v = o[key];
  if (v == null) return "";
  if (typeof v == "string" || typeof v == "number") return String(v);
  throw bad(`${field2}.${key}`, v, "accepted: a text value");
}
function texts(o, key, field2, single = !1) {
  let v = o[key];
  if (v == null) return [];
  if (single && typeof v == "string") return [v];
  if (Array.isArray(v) && v.every((x) => typeof x == "string" || typeof x == "number")) return v.map(String);
  throw bad(`${field2}.${key}`, v, "accepted: a list of text values");
}
function refuseUnknown(o, known, noticed, field2, ignored) {
  for (let key of Object.keys(o))
    if (!known.has(key)) {
      if (key in noticed) {
        ignored.push(`${field2}.${key}${noticed[key] ? ` (use ${noticed[key]})` : ""}`);
        continue;
      }
      throw bad(
        `${field2}.${key}`,
        o[key],
        "gantry does not read this field and it may change the binaries or their names; remove it, or build without goreleaser-config"
      );
    }
}
function readBuild(o, i, ignored) {
  let field2 = `builds[${i}]`;
  if (!isObj(o)) throw bad(field2, o, "accepted: a mapping");
  refuseUnknown(o, BUILD_KEYS, BUILD_NOTICE, field2, ignored);
  let builder = text(o, "builder", field2);
  if (builder && builder !== "go") throw bad(`${field2}.builder`, builder, "gantry builds Go only (builder: go)");
  let ignore = o.ignore ?? [];
  if (!Array.isArray(ignore) || !ignore.every(isObj)) throw bad(`${field2}.ignore`, ignore, "accepted: a list of goos/goarch/goarm/goamd64 mappings");
  let skip = o.skip ?? !1;
  if (typeof skip != "boolean") throw bad(`${field2}.skip`, skip, "accepted: true or false (gantry does not evaluate a template here)");
  return {
    id: text(o, "id", field2),
    main: text(o, "main", field2),
    binary: text(o, "binary", field2),
    dir: text(o, "dir", field2),
    goos: texts(o, "goos", field2),
    goarch: texts(o, "goarch", field2),
    goarm: texts(o, "goarm", field2),
    goamd64: texts(o, "goamd64", field2),
    ignore: ignore.map((g, j) => (refuseUnknown(g, /* @__PURE__ */ new Set(["goos", "goarch", "goarm", "goamd64"]), {}, `${field2}.ignore[${j}]`, ignored), Object.fromEntries(Object.keys(g).map((k) => [k, text(g, k, `${field2}.ignore[${j}]`)])))),
    targets: texts(o, "targets", field2),
    flags: texts(o, "flags", field2, !0),
    ldflags: texts(o, "ldflags", field2, !0),
    tags: texts(o, "tags", field2),
    env: texts(o, "env", field2),
    modTimestamp: text(o, "mod_timestamp", field2),
    skip
  };
}
function readArchive(o, i, ignored) {
  let field2 = `archives[${i}]`;
  if (!isObj(o)) throw bad(field2, o, "accepted: a mapping");
  refuseUnknown(o, ARCHIVE_KEYS, {}, field2, ignored);
  let overrides = o.format_overrides ?? [];
  if (!Array.isArray(overrides) || !overrides.every(isObj)) throw bad(`${field2}.format_overrides`, overrides, "accepted: a list of goos/formats mappings");
  let files = (Array.isArray(o.files) ? o.files : o.files === void 0 ? void 0 : [o.files])?.map((f, j) => {
    if (typeof f == "string") return f;
    if (isObj(f) && typeof f.src == "string" && Object.keys(f).every((k) => k === "src")) return f.src;
    throw bad(`${field2}.files[${j}]`, f, "accepted: a file path or glob, or { src: … } without dst or info");
  }), wrap2 = o.wrap_in_directory ?? !1;
  if (typeof wrap2 != "boolean" && typeof wrap2 != "string") throw bad(`${field2}.wrap_in_directory`, wrap2, "accepted: true, false or a name template");
  let formats = (f, at) => [...texts(f, "formats", at), ...f.format !== void 0 ? [text(f, "format", at)] : []];
  return {
    ids: [...texts(o, "ids", field2), ...texts(o, "builds", field2)],
    nameTemplate: text(o, "name_template", field2),
    formats: formats(o, field2),
    overrides: overrides.map((f, j) => ({ goos: text(f, "goos", `${field2}.format_overrides[${j}]`), formats: formats(f, `${field2}.format_overrides[${j}]`) })),
    files: files ?? ["license*", "LICENSE*", "readme*", "README*", "changelog*", "CHANGELOG*"],
    wrap: wrap2
  };
}
function releaseName(release) {
  if (!isObj(release)) return "";
  for (let scm of ["github", "gitlab", "gitea"]) {
    let s = release[scm];
    if (isObj(s) && typeof s.name == "string" && s.name) return s.name;
  }
  return "";
}
function readGoreleaserConfig(path) {
  let doc;
  try {
    doc = (0, import_yaml.parse)(readFileSync2(path, "utf8"));
  } catch (err) {
    throw new InputError(INPUT, path, `it cannot be read as YAML: ${err instanceof Error ? err.message.split(`
`)[0] : err}`);
  }
  if (!isObj(doc)) throw new InputError(INPUT, path, "accepted: a goreleaser v2 config (a YAML mapping with builds)");
  if (doc.version !== void 0 && doc.version !== 2) throw bad("version", doc.version, "gantry reads goreleaser v2 configs (version: 2)");
  if (doc.includes !== void 0) throw bad("includes", doc.includes, "gantry reads one file; put the included parts into it");
  let ignored = [];
  for (let key of Object.keys(doc)) READ.has(key) || ignored.push(`${key}${ELSEWHERE[key] ? ` (use ${ELSEWHERE[key]})` : ""}`);
  let builds = doc.builds ?? [{}];
  if (!Array.isArray(builds) || builds.length === 0) throw bad("builds", builds, "accepted: a list of builds");
  let archives = doc.archives ?? [{}];
  if (!Array.isArray(archives) || archives.length === 0) throw bad("archives", archives, "accepted: a list of archives");
  let checksum = doc.checksum ?? {}, snapshot = doc.snapshot ?? {};
  if (!isObj(checksum)) throw bad("checksum", checksum, "accepted: a mapping");
  if (!isObj(snapshot)) throw bad("snapshot", snapshot, "accepted: a mapping");
  refuseUnknown(checksum, /* @__PURE__ */ new Set(["name_template", "algorithm"]), {}, "checksum", ignored), refuseUnknown(snapshot, /* @__PURE__ */ new Set(["version_template"]), {}, "snapshot", ignored);
  let algorithm = text(checksum, "algorithm", "checksum");
  if (algorithm && algorithm !== "sha256") throw bad("checksum.algorithm", algorithm, "gantry's checksums are sha256");
  return {
    path,
    projectName: text(doc, "project_name", "project_name"),
    releaseName: releaseName(doc.release),
    env: texts(doc, "env", "env"),
    builds: builds.map((b, i) => readBuild(b, i, ignored)).filter((b) => !b.skip),
    archives: archives.map((a, i) => readArchive(a, i, ignored)),
    checksumName: text(checksum, "name_template", "checksum"),
    snapshotVersion: text(snapshot, "version_template", "snapshot"),
    ignored
  };
}

// packages/go-build/src/goreleaser/mapping.ts
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync as readFileSync3, readdirSync as readdirSync2 } from "node:fs";
import { basename as basename4, join as join10, posix, resolve as resolve4 } from "node:path";

// packages/go-build/src/goreleaser/gotime.ts
var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"], DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"], pad = (n, width = 2) => String(n).padStart(width, "0"), PARTS = [
  ["January", (d) => MONTHS[d.getUTCMonth()]],
  ["Monday", (d) => DAYS[d.getUTCDay()]],
  ["Z07:00", () => "Z"],
  ["-07:00", () => "+00:00"],
  ["-0700", () => "+0000"],
  ["Z0700", () => "Z"],
  ["2006", (d) => pad(d.getUTCFullYear(), 4)],
  [".000", (d) => `.${pad(d.getUTCMilliseconds(), 3)}`],
  ["Jan", (d) => MONTHS[d.getUTCMonth()].slice(0, 3)],
  ["Mon", (d) => DAYS[d.getUTCDay()].slice(0, 3)],
  ["MST", () => "UTC"],
  ["002", (d) => pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 864e5) + 1, 3)],
  ["_2", (d) => String(d.getUTCDate()).padStart(2, " ")],
  ["01", (d) => pad(d.getUTCMonth() + 1)],
  ["02", (d) => pad(d.getUTCDate())],
  ["03", (d) => pad(d.getUTCHours() % 12 || 12)],
  ["04", (d) => pad(d.getUTCMinutes())],
  ["05", (d) => pad(d.getUTCSeconds())],
  ["06", (d) => pad(d.getUTCFullYear() % 100)],
  ["15", (d) => pad(d.getUTCHours())],
  ["PM", (d) => d.getUTCHours() < 12 ? "AM" : "PM"],
  ["pm", (d) => d.getUTCHours() < 12 ? "am" : "pm"],
  ["1", (d) => String(d.getUTCMonth() + 1)],
  ["2", (d) => String(d.getUTCDate())],
  ["3", (d) => String(d.getUTCHours() % 12 || 12)],
  ["4", (d) => String(d.getUTCMinutes())],
  ["5", (d) => String(d.getUTCSeconds())]
];
function formatGoTime(d, layout) {
  let out = "", i = 0;
  for (; i < layout.length; ) {
    let part = PARTS.find(([p]) => layout.startsWith(p, i));
    part ? (out += part[1](d), i += part[0].length) : (out += layout[i], i++);
  }
  return out;
}

// packages/go-build/src/goreleaser/functions.ts
var TemplateError = class extends Error {
  name = "TemplateError";
}, FUNCTIONS = {
  tolower: 1,
  toupper: 1,
  replace: 3,
  trimprefix: 2,
  trimsuffix: 2,
  title: 1,
  time: 1,
  eq: -2,
  ne: 2,
  not: 1,
  and: -1,
  or: -1
}, str = (v, text2) => {
  if (typeof v == "object") throw new TemplateError(`${text2} is a map, not a text value`);
  return String(v);
}, truthy = (v) => typeof v == "object" ? Object.keys(v).length > 0 : !!v, title = (s) => s.toLowerCase().replace(new RegExp("(^|[^\\p{L}\\p{N}'])(\\p{L})", "gu"), (_, sep, c) => sep + c.toUpperCase());
function call(fn, args, text2, now) {
  let s = (i) => str(args[i], text2);
  switch (fn) {
    case "tolower":
      return s(0).toLowerCase();
    case "toupper":
      return s(0).toUpperCase();
    case "replace":
      return s(0).split(s(1)).join(s(2));
    case "trimprefix":
      return s(0).startsWith(s(1)) ? s(0).slice(s(1).length) : s(0);
    case "trimsuffix":
      return s(1) && s(0).endsWith(s(1)) ? s(0).slice(0, -s(1).length) : s(0);
    case "title":
      return title(s(0));
    case "time":
      return formatGoTime(now, s(0));
    case "not":
      return !truthy(args[0]);
    case "and":
      return args.find((a) => !truthy(a)) ?? args[args.length - 1];
    case "or":
      return args.find(truthy) ?? args[args.length - 1];
    case "eq":
      return args.slice(1).some((a) => same(args[0], a, text2));
    default:
      return !same(args[0], args[1], text2);
  }
}
function same(a, b, text2) {
  if (typeof a != typeof b || typeof a == "object") throw new TemplateError(`${text2}: compares values of different kinds`);
  return a === b;
}

// packages/go-build/src/goreleaser/template.ts
function parseTemplate(source, known) {
  let p = new Parser(source, known), nodes = p.nodes(!1);
  return { source, fields: p.used, run: (fields, now) => render(nodes, fields, fields, now) };
}
var Parser = class {
  constructor(src, known) {
    this.src = src;
    this.known = known;
  }
  src;
  known;
  pos = 0;
  used = /* @__PURE__ */ new Set();
  /** The words of the action being read, and where in it we are. */
  words = [];
  w = 0;
  /** Nodes up to the end (top level) or up to `{{ else }}` / `{{ end }}`, which is left for the caller. */
  nodes(nested) {
    let out = [];
    for (; this.pos < this.src.length; ) {
      let open = this.src.indexOf("{{", this.pos), text2 = this.src.slice(this.pos, open < 0 ? void 0 : open);
      if (open < 0) {
        text2 && out.push({ kind: "text", text: text2 }), this.pos = this.src.length;
        break;
      }
      let close = this.src.indexOf("}}", open + 2);
      if (close < 0) throw new TemplateError(`unclosed action at ${JSON.stringify(this.src.slice(open, open + 30))}`);
      let inner = this.src.slice(open + 2, close);
      /^-\s/.test(inner) && (text2 = text2.replace(/\s+$/, ""), inner = inner.slice(1));
      let next = close + 2;
      /\s-$/.test(inner) && (inner = inner.slice(0, -1), next += /^\s*/.exec(this.src.slice(next))[0].length), text2 && out.push({ kind: "text", text: text2 });
      let action = inner.trim();
      if (this.pos = next, action.startsWith("/*")) continue;
      this.words = tokenize2(action), this.w = 0;
      let head = this.words[0];
      if (head === "end" || head === "else") {
        if (!nested) throw new TemplateError(`{{ ${action} }} without an if or with before it`);
        return this.pos = open, out;
      }
      if (head === "if" || head === "with") out.push(this.block(head, action));
      else {
        if (/^(range|define|template|block|break|continue)$/.test(head ?? "") || head?.startsWith("$") || this.words.includes(":="))
          throw new TemplateError(`{{ ${action} }}: gantry evaluates fields, functions, if and with, not ${head?.startsWith("$") ? "variables" : head}`);
        out.push({ kind: "out", expr: this.pipeline(action) });
      }
    }
    if (nested) throw new TemplateError("an if or with has no {{ end }}");
    return out;
  }
  block(kind, action) {
    return this.w = 1, this.branches(kind, this.pipeline(action), action);
  }
  /** A block's body, its else (an `else if` / `else with` is one more block sharing the end), and its end. */
  branches(kind, cond, action) {
    let then = this.nodes(!0), tag = this.readTag();
    if (tag[0] === "end" && tag.length === 1) return { kind, cond, then, else: [] };
    if (tag[0] === "else" && (tag[1] === "if" || tag[1] === "with")) {
      let text2 = tag.slice(1).join(" ");
      return this.words = tag, this.w = 2, { kind, cond, then, else: [this.branches(tag[1], this.pipeline(text2), text2)] };
    }
    if (tag[0] !== "else" || tag.length > 1) throw new TemplateError(`{{ ${tag.join(" ")} }} in {{ ${action} }} is not an else or end gantry reads`);
    let otherwise = this.nodes(!0), last = this.readTag();
    if (last[0] !== "end" || last.length > 1) throw new TemplateError(`{{ ${action} }} has two else branches`);
    return { kind, cond, then, else: otherwise };
  }
  /** Reads the `{{ else … }}` or `{{ end }}` that nodes(true) stopped at. */
  readTag() {
    let open = this.src.indexOf("{{", this.pos), close = this.src.indexOf("}}", open), inner = this.src.slice(open + 2, close).replace(/^-\s/, "").replace(/\s-$/, ""), next = close + 2;
    return /\s-}}$/.test(this.src.slice(open, close + 2)) && (next += /^\s*/.exec(this.src.slice(next))[0].length), this.pos = next, tokenize2(inner.trim());
  }
  /** `cmd | cmd | …` from the current word on. */
  pipeline(text2, inParens = !1) {
    let cmds = [this.command()];
    for (; this.words[this.w] === "|"; ) {
      this.w++;
      let cmd = this.command();
      if (cmd.kind !== "call") throw new TemplateError(`${cmd.text} after | in {{ ${text2} }}: only a function can take the piped value`);
      cmds.push(cmd);
    }
    if (this.w < this.words.length && !(inParens && this.words[this.w] === ")")) throw new TemplateError(`unexpected ${this.words[this.w]} in {{ ${text2} }}`);
    for (let c of cmds) c.kind === "call" && this.checkArity(c, c === cmds[0] ? 0 : 1);
    return cmds.length === 1 ? cmds[0] : { kind: "pipe", cmds, text: text2 };
  }
  checkArity(c, piped) {
    let want = FUNCTIONS[c.fn], n = c.args.length + piped;
    if (want >= 0 ? n !== want : n < -want) throw new TemplateError(`${c.text}: ${c.fn} takes ${want >= 0 ? want : `at least ${-want}`} argument(s), not ${n}`);
  }
  /** A function call with its arguments, or one operand. */
  command() {
    let word = this.words[this.w];
    if (word !== void 0 && /^[A-Za-z_]\w*$/.test(word) && !/^(true|false)$/.test(word)) {
      if (!(word in FUNCTIONS)) throw new TemplateError(`function ${word} is not one gantry evaluates (it does: ${Object.keys(FUNCTIONS).join(", ")})`);
      this.w++;
      let args = [];
      for (; this.w < this.words.length && this.words[this.w] !== "|" && this.words[this.w] !== ")"; ) args.push(this.operand());
      return { kind: "call", fn: word, args, text: [word, ...args.map((a) => a.text)].join(" ") };
    }
    return this.operand();
  }
  operand() {
    let word = this.words[this.w++];
    if (word === void 0 || word === "|" || word === ")") throw new TemplateError("an action is missing a value");
    if (word === "(") {
      let inner = this.pipeline("(…)", !0);
      if (this.words[this.w++] !== ")") throw new TemplateError("a ( has no )");
      return inner.kind === "call" ? { ...inner, text: `(${inner.text})` } : inner;
    }
    if (word === ".") return { kind: "dot", text: "." };
    if (/^(\.[A-Za-z_]\w*)+$/.test(word)) {
      let path = word.slice(1).split("."), top = path[0];
      if (!this.known.has(top)) throw new TemplateError(`${word} is not a field gantry knows (it knows: ${[...this.known].map((k) => `.${k}`).join(", ")})`);
      if (top === "Env" ? path.length !== 2 : path.length !== 1) throw new TemplateError(`${word}: only .Env takes a name after it`);
      return this.used.add(top), { kind: "field", path, text: word };
    }
    if (word.startsWith('"')) return { kind: "literal", value: unquote2(word), text: word };
    if (word.startsWith("`")) return { kind: "literal", value: word.slice(1, -1), text: word };
    if (word === "true" || word === "false") return { kind: "literal", value: word === "true", text: word };
    if (/^-?\d+$/.test(word)) return { kind: "literal", value: Number(word), text: word };
    throw new TemplateError(`${word} is not something gantry evaluates in a template`);
  }
};
function tokenize2(action) {
  let out = [], i = 0;
  for (; i < action.length; ) {
    let c = action[i];
    if (/\s/.test(c)) i++;
    else if (c === "(" || c === ")" || c === "|")
      out.push(c), i++;
    else if (c === '"' || c === "`") {
      let j = i + 1;
      for (; j < action.length && action[j] !== c; ) j += c === '"' && action[j] === "\\" ? 2 : 1;
      if (j >= action.length) throw new TemplateError(`unterminated string in {{ ${action} }}`);
      out.push(action.slice(i, j + 1)), i = j + 1;
    } else {
      let m = /^[^\s()|"`]+/.exec(action.slice(i));
      out.push(m[0]), i += m[0].length;
    }
  }
  return out;
}
function unquote2(word) {
  return word.slice(1, -1).replace(/\\(.)/g, (_, c) => {
    let v = { n: `
`, t: "	", "\\": "\\", '"': '"' }[c];
    if (v === void 0) throw new TemplateError(`escape \\${c} in ${word} is not one gantry reads`);
    return v;
  });
}
function render(nodes, fields, dot, now) {
  let out = "";
  for (let n of nodes)
    if (n.kind === "text") out += n.text;
    else if (n.kind === "out") out += str(evaluate(n.expr, fields, dot, now), n.expr.text);
    else {
      let v = evaluate(n.cond, fields, dot, now);
      truthy(v) ? out += render(n.then, fields, n.kind === "with" ? v : dot, now) : out += render(n.else, fields, dot, now);
    }
  return out;
}
function evaluate(e, fields, dot, now, piped) {
  switch (e.kind) {
    case "dot":
      return dot;
    case "literal":
      return e.value;
    case "field": {
      let top = fields[e.path[0]];
      if (top === void 0) throw new TemplateError(`${e.text} has no value here`);
      if (e.path.length === 1) return top;
      let v = typeof top == "object" ? top[e.path[1]] : void 0;
      if (v === void 0) throw new TemplateError(`${e.text}: no such variable in the environment (goreleaser refuses a missing key too)`);
      return v;
    }
    case "pipe": {
      let v = evaluate(e.cmds[0], fields, dot, now);
      for (let c of e.cmds.slice(1)) v = evaluate(c, fields, dot, now, v);
      return v;
    }
    case "call": {
      let args = e.args.map((a) => evaluate(a, fields, dot, now));
      return piped !== void 0 && args.push(piped), call(e.fn, args, e.text, now);
    }
  }
}

// packages/go-build/src/goreleaser/naming.ts
var KNOWN_FIELDS = /* @__PURE__ */ new Set([
  "ProjectName",
  "Version",
  "Tag",
  "ShortCommit",
  "FullCommit",
  "Commit",
  "Date",
  "Timestamp",
  "CommitDate",
  "CommitTimestamp",
  "Env",
  "IsSnapshot",
  "Binary",
  "Os",
  "Arch",
  "Arm",
  "Amd64",
  "Arm64",
  "Mips"
]), TARGET_FIELDS = ["Os", "Arch", "Arm", "Amd64", "Arm64", "Mips"], FieldTemplateError = class extends Error {
  constructor(field2, source, reason) {
    super(`${field2}: ${reason}`);
    this.field = field2;
    this.source = source;
    this.reason = reason;
  }
  field;
  source;
  reason;
  name = "FieldTemplateError";
};
function fieldTemplate(field2, source, perTarget = !0) {
  try {
    let template = parseTemplate(source, KNOWN_FIELDS), target = TARGET_FIELDS.find((f) => template.fields.has(f));
    if (!perTarget && target) throw new TemplateError(`.${target} has no value here: the field is one for the whole release`);
    return { field: field2, template };
  } catch (err) {
    throw err instanceof TemplateError ? new FieldTemplateError(field2, source, err.message) : err;
  }
}
function apply(t, fields, now) {
  try {
    return t.template.run(fields, now);
  } catch (err) {
    throw err instanceof TemplateError ? new FieldTemplateError(t.field, t.template.source, err.message) : err;
  }
}
function targetFields(t) {
  return {
    Os: t.os,
    Arch: t.arch,
    Arm: t.arch === "arm" ? (t.variant ?? "").replace(/^v/, "") : "",
    Amd64: t.arch === "amd64" ? t.variant || "v1" : "",
    Arm64: t.arch === "arm64" ? t.variant || "v8.0" : "",
    Mips: /^mips/.test(t.arch) ? t.variant || "hardfloat" : ""
  };
}
async function releaseFields(info, o) {
  let [short, exact, lastTag, committed] = await Promise.all([
    git(o.cwd, ["show", "--format=%h", "--quiet", "HEAD"]),
    o.tagged ? Promise.resolve(info.version) : git(o.cwd, ["describe", "--tags", "--exact-match", "HEAD"]),
    git(o.cwd, ["describe", "--tags", "--abbrev=0", "HEAD"]),
    git(o.cwd, ["log", "-1", "--format=%ct"])
  ]), snapshot = !o.tagged && exact === void 0, tag = snapshot ? lastTag ?? "v0.0.0" : info.version, commitEpoch = committed && /^\d+$/.test(committed) ? Number(committed) : info.epoch, iso = (s) => new Date(s * 1e3).toISOString().replace(".000Z", "Z"), now = new Date(info.epoch * 1e3);
  return {
    fields: {
      ProjectName: o.projectName,
      Binary: o.binary,
      Version: tag.replace(/^v/, ""),
      Tag: tag,
      ShortCommit: short ?? info.commit.slice(0, 7),
      FullCommit: info.commit,
      Commit: info.commit,
      Date: info.date,
      Timestamp: info.epoch,
      CommitDate: iso(commitEpoch),
      CommitTimestamp: commitEpoch,
      Env: o.env,
      IsSnapshot: snapshot
    },
    snapshot,
    now
  };
}

// packages/go-build/src/goreleaser/targets.ts
var VALID_TARGETS = /* @__PURE__ */ new Set([
  "aix/ppc64",
  "android/386",
  "android/amd64",
  "android/arm",
  "android/arm64",
  "darwin/amd64",
  "darwin/arm64",
  "dragonfly/amd64",
  "freebsd/386",
  "freebsd/amd64",
  "freebsd/arm",
  "freebsd/arm64",
  "illumos/amd64",
  "ios/amd64",
  "ios/arm64",
  "js/wasm",
  "linux/386",
  "linux/amd64",
  "linux/arm",
  "linux/arm64",
  "linux/loong64",
  "linux/mips",
  "linux/mips64",
  "linux/mips64le",
  "linux/mipsle",
  "linux/ppc64",
  "linux/ppc64le",
  "linux/riscv64",
  "linux/s390x",
  "netbsd/386",
  "netbsd/amd64",
  "netbsd/arm",
  "netbsd/arm64",
  "openbsd/386",
  "openbsd/amd64",
  "openbsd/arm",
  "openbsd/arm64",
  "openbsd/ppc64",
  "openbsd/riscv64",
  "plan9/386",
  "plan9/amd64",
  "plan9/arm",
  "solaris/amd64",
  "wasip1/wasm",
  "windows/386",
  "windows/amd64",
  "windows/arm64"
]);

// packages/go-build/src/goreleaser/mapping.ts
var INPUT2 = "goreleaser-config", DEFAULT_ARCHIVE = '{{ .ProjectName }}_{{ .Version }}_{{ .Os }}_{{ .Arch }}{{ with .Arm }}v{{ . }}{{ end }}{{ with .Mips }}_{{ . }}{{ end }}{{ if not (eq .Amd64 "v1") }}{{ .Amd64 }}{{ end }}', DEFAULT_CHECKSUM = "{{ .ProjectName }}_{{ .Version }}_checksums.txt", DEFAULT_SNAPSHOT = "{{ .Version }}-SNAPSHOT-{{ .ShortCommit }}", refuse2 = (field2, value2, accepted3) => new InputError(INPUT2, `${field2}: ${value2}`, accepted3);
function plain(field2, value2) {
  if (value2.includes("{{")) throw refuse2(field2, value2, "gantry reads this field as plain text; write the value without a template");
  return value2;
}
function buildEnv(lines, field2, env) {
  let cgo;
  for (let line of lines) {
    let [key = "", value2 = ""] = [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)];
    if (key === "CGO_ENABLED" && (value2 === "0" || value2 === "1")) cgo = value2 === "1" ? "true" : "false";
    else if (!(key === "GO111MODULE" && value2 === "on"))
      throw refuse2(field2, line, "gantry's builds take CGO_ENABLED=0 or 1 only (the cgo input); set other variables in the job's environment");
    env[key] = value2;
  }
  return cgo;
}
function matrix(b, field2) {
  if (b.targets.length > 0)
    return b.targets.map((t) => {
      let m = /^([a-z0-9]+)_([a-z0-9]+)(?:_(v\d(?:\.\d)?|\d))?$/.exec(t);
      if (!m) throw refuse2(`${field2}.targets`, t, "accepted: goos_goarch[_variant], e.g. linux_amd64_v1 or linux_arm_7");
      let [, os, arch, v] = m, variant = !v || arch === "amd64" && v === "v1" || arch === "arm64" && v === "v8.0" ? "" : arch === "arm" ? `/v${v}` : `/${v}`;
      return `${os}/${arch}${variant}`;
    });
  let goos = b.goos.length ? b.goos : ["linux", "darwin", "windows"], goarch = b.goarch.length ? b.goarch : ["amd64", "arm64", "386"], goarm = b.goarm.length ? b.goarm : ["6"], goamd64 = b.goamd64.length ? b.goamd64 : ["v1"], out = [];
  for (let os of goos)
    for (let arch of goarch) {
      let variants = arch === "arm" ? goarm.map((v) => ({ goarm: v })) : arch === "amd64" ? goamd64.map((v) => ({ goamd64: v })) : [{}];
      for (let v of variants) {
        let t = { goos: os, goarch: arch, ...v };
        if (!VALID_TARGETS.has(`${os}/${arch}`) || b.ignore.some((ig) => Object.entries(ig).every(([k, want]) => !want || t[k] === want))) continue;
        let variant = "goarm" in v ? `/v${v.goarm}` : "goamd64" in v && v.goamd64 !== "v1" ? `/${v.goamd64}` : "";
        out.push(`${os}/${arch}${variant}`);
      }
    }
  if (out.length === 0) throw refuse2(`${field2}.goos`, goos.join(","), "no target is left once ignore and Go's own list are applied");
  return out;
}
function expandFiles(globs, cwd, field2) {
  let out = /* @__PURE__ */ new Set();
  for (let g of globs) {
    if (/[[\]{}]|\*\*/.test(g)) throw refuse2(field2, g, "gantry expands * and ? in the file name only");
    if (!/[*?]/.test(g)) {
      out.add(g);
      continue;
    }
    let dir2 = posix.dirname(g), re = new RegExp(
      `^${posix.basename(g).replace(/[.+^$()|\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`
    );
    if (/[*?]/.test(dir2)) throw refuse2(field2, g, "gantry expands * and ? in the file name only");
    let abs = resolve4(cwd, dir2);
    if (existsSync(abs))
      for (let e of readdirSync2(abs, { withFileTypes: !0 }).sort((a, b) => a.name.localeCompare(b.name)))
        e.isFile() && re.test(e.name) && out.add(dir2 === "." ? e.name : `${dir2}/${e.name}`);
  }
  return [...out];
}
function archiveFormat2(a, field2) {
  let base = a.formats.length ? a.formats : ["tar.gz"];
  if (base.length !== 1 || !["tar.gz", "zip", "binary"].includes(base[0]))
    throw refuse2(`${field2}.formats`, base.join(","), "gantry makes one format per target: tar.gz, zip or binary");
  let format = base[0] === "binary" ? "none" : base[0];
  if (a.overrides.length === 0) return format;
  let [o] = a.overrides;
  if (a.overrides.length === 1 && format === "tar.gz" && o?.goos === "windows" && o.formats.join(",") === "zip") return "auto";
  throw refuse2(
    `${field2}.format_overrides`,
    JSON.stringify(a.overrides),
    "gantry's archive input does tar.gz with zip for windows (auto), or one format for all"
  );
}
function defaultProjectName(config, dir2, env) {
  if (config.releaseName) return config.releaseName;
  if (env.GITHUB_REPOSITORY?.includes("/")) return env.GITHUB_REPOSITORY.split("/").pop();
  let origin = "";
  try {
    origin = execFileSync("git", ["remote", "get-url", "origin"], { cwd: dir2, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 1e4 }).trim();
  } catch {
  }
  let repo = /[/:]([^/:]+?)(\.git)?\/?$/.exec(origin)?.[1];
  if (repo) return repo;
  let m = /^module\s+(\S+)/m.exec(existsSync(join10(dir2, "go.mod")) ? readFileSync3(join10(dir2, "go.mod"), "utf8") : "");
  return (m ? m[1].replace(/"/g, "") : basename4(resolve4(dir2))).split("/").pop();
}
function templateOf(field2, source, perTarget = !0) {
  try {
    return fieldTemplate(field2, source, perTarget);
  } catch (err) {
    throw err instanceof FieldTemplateError ? refuse2(err.field, err.source, `gantry cannot evaluate it: ${err.reason}`) : err;
  }
}
function planGoreleaser(config, cwd, processEnv) {
  let projectName = plain("project_name", config.projectName) || defaultProjectName(config, cwd, processEnv), globalEnv = {}, globalCgo = buildEnv(config.env, "env", globalEnv), ignored = [...config.ignored], several = config.builds.length > 1;
  return { builds: config.builds.map((b, i) => {
    let field2 = `builds[${i}]`, id = plain(`${field2}.id`, b.id) || projectName;
    if (several && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(id))
      throw refuse2(`${field2}.id`, id, "accepted: letters, digits, '.', '_' and '-' (it names the build's folder in out-dir)");
    let env = { ...processEnv, ...globalEnv }, cgo = buildEnv(b.env, `${field2}.env`, env) ?? globalCgo;
    if (b.modTimestamp && !/^\{\{-?\s*\.CommitTimestamp\s*-?\}\}$/.test(b.modTimestamp))
      throw refuse2(`${field2}.mod_timestamp`, b.modTimestamp, "gantry stamps files with the commit time (or SOURCE_DATE_EPOCH): {{ .CommitTimestamp }}");
    let dir2 = plain(`${field2}.dir`, b.dir), moduleDir = dir2 ? resolve4(cwd, dir2) : cwd, binary = plain(`${field2}.binary`, b.binary) || projectName, flags = b.flags.map((f) => plain(`${field2}.flags`, f));
    flags.includes("-trimpath") && ignored.push(`${field2}.flags -trimpath (go-build always builds with -trimpath)`);
    let archives = config.archives.filter((a) => a.ids.length === 0 || a.ids.includes(id));
    if (archives.length > 1) throw refuse2("archives", id, `two archives take build ${id}; gantry makes one archive per binary`);
    let [archive] = archives, at = `archives[${archive ? config.archives.indexOf(archive) : 0}]`;
    if (archive && several && archive.ids.length !== 1)
      throw refuse2(
        `${at}.ids`,
        archive.ids.join(",") || "(every build)",
        `gantry's archives hold one binary: give each build its own archives entry with ids: [${id}]`
      );
    if (archive && archive.wrap !== !1)
      throw refuse2(`${at}.wrap_in_directory`, String(archive.wrap), "gantry puts the files at the archive's top; remove wrap_in_directory");
    let inputs = {
      ...dir2 ? { "working-directory": moduleDir } : {},
      main: plain(`${field2}.main`, b.main) || ".",
      name: binary,
      targets: matrix(b, field2).join(","),
      flags: flags.filter((f) => f !== "-trimpath").join(`
`),
      tags: b.tags.map((t) => plain(`${field2}.tags`, t)).join(","),
      ...cgo ? { cgo } : {},
      archive: archive ? archiveFormat2(archive, at) : "none",
      ...archive ? { files: expandFiles(archive.files, moduleDir, `${at}.files`).join(`
`) } : {}
    };
    return {
      id,
      inputs,
      projectName,
      binary,
      env,
      ...b.ldflags.length ? { ldflags: templateOf(`${field2}.ldflags`, b.ldflags.join(" ")) } : {},
      ...archive && inputs.archive !== "none" ? { archive: templateOf(`${at}.name_template`, archive.nameTemplate || DEFAULT_ARCHIVE) } : {},
      checksums: templateOf("checksum.name_template", config.checksumName || DEFAULT_CHECKSUM, !1),
      snapshot: templateOf("snapshot.version_template", config.snapshotVersion || DEFAULT_SNAPSHOT, !1)
    };
  }), ignored };
}

// packages/go-build/src/goreleaser/index.ts
var wrap = (f) => {
  try {
    return f();
  } catch (err) {
    throw err instanceof FieldTemplateError ? new InputError("goreleaser-config", `${err.field}: ${err.source}`, `gantry cannot evaluate it: ${err.reason}`) : err;
  }
};
function naming(b, ignored, explicit) {
  return {
    ignored,
    id: b.id,
    async resolve(info, o) {
      let { fields, snapshot, now } = await releaseFields(info, { projectName: b.projectName, binary: b.binary, env: b.env, cwd: o.cwd, tagged: o.tagged });
      snapshot && (fields.Version = wrap(() => apply(b.snapshot, fields, now)));
      let at = (t) => ({ ...fields, ...targetFields(t) });
      return {
        version: snapshot ? fields.Version : info.version,
        ldflags: (t) => b.ldflags && !explicit("ldflags") ? wrap(() => apply(b.ldflags, at(t), now)) : void 0,
        archive: (t) => b.archive && !explicit("archive-name") ? wrap(() => apply(b.archive, at(t), now)) : void 0,
        checksums: wrap(() => apply(b.checksums, fields, now))
      };
    }
  };
}
function parseWithGoreleaser(given, defaults, cwd, env, parse2) {
  let path = given.path("goreleaser-config", cwd);
  if (!path) return [parse2(given)];
  let workDir = given.path("working-directory", cwd) || cwd, plan = planGoreleaser(readGoreleaserConfig(path), workDir, env), explicit = (name) => given.string(name) !== "" && given.string(name) !== (defaults[name] ?? "");
  return plan.builds.map((b) => {
    let read = new InputReader((name) => explicit(name) ? given.string(name) : b.inputs[name] ?? given.string(name), defaults), parsed = parse2(read), outDir = plan.builds.length > 1 ? join11(parsed.outDir, b.id) : parsed.outDir;
    return { ...parsed, outDir, naming: naming(b, plan.ignored, explicit) };
  });
}

// packages/go-build/src/verify/release.ts
import { readFileSync as readFileSync4, statSync } from "node:fs";
import { basename as basename5, dirname as dirname2, join as join12 } from "node:path";
var SHA256 = /^[0-9a-f]{64}$/, MAX_BYTES = 16 * 1024 * 1024, COMMIT = /^[0-9a-f]{40}$/, ACCEPTED = "accepted: the path of a release's provenance.intoto.json (in-toto Statement v1, SLSA provenance v1) or checksums.txt";
function readRelease(path) {
  let text2;
  try {
    let st = statSync(path);
    if (!st.isFile()) throw new InputError("verify", path, `it is not a file; ${ACCEPTED}`);
    if (st.size > MAX_BYTES) throw new InputError("verify", path, `it is ${st.size} bytes, more than a release list can be (${MAX_BYTES}); ${ACCEPTED}`);
    text2 = readFileSync4(path, "utf8");
  } catch (err) {
    throw err instanceof InputError ? err : new InputError("verify", path, `it cannot be read (${err.code}); ${ACCEPTED}`);
  }
  let folder = dirname2(path), manifest = manifestBeside(folder), release = text2.trimStart().startsWith("{") ? fromStatement(path, text2) : { kind: "checksums", files: fromChecksums(path, text2), inputs: {} }, commit = ("commit" in release ? release.commit : void 0) ?? (COMMIT.test(manifest?.commit ?? "") ? manifest?.commit : void 0), go = ("go" in release ? release.go : void 0) ?? manifest?.go, stamped = "stamped" in release ? release.stamped : {};
  return {
    ...release,
    path,
    folder,
    commit,
    go: typeof go == "string" ? go.replace(/^go/, "") : void 0,
    version: stamped.version || manifest?.version || void 0,
    date: stamped.sourceDate || manifest?.date || void 0,
    manifest
  };
}
function manifestBeside(folder) {
  try {
    let m = JSON.parse(readFileSync4(join12(folder, MANIFEST_FILE), "utf8"));
    return m?.schema === 1 ? m : void 0;
  } catch {
    return;
  }
}
function checkName(path, name) {
  if (name.startsWith("/") || /^[A-Za-z]:/.test(name) || name.split(/[\\/]/).includes(".."))
    throw new InputError("verify", path, `it lists ${JSON.stringify(name)}, which is not a path inside the release folder`);
  return name;
}
function fromChecksums(path, text2) {
  let files = [];
  for (let [i, line] of text2.split(`
`).entries()) {
    if (!line.trim()) continue;
    let m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line.replace(/\r$/, ""));
    if (!m)
      throw new InputError(
        "verify",
        path,
        `line ${i + 1} of ${basename5(path)} is not \`<sha256>  <file>\`: ${JSON.stringify(line.slice(0, 120))}; ${ACCEPTED}`
      );
    files.push({ name: checkName(path, m[2]), sha256: m[1] });
  }
  if (files.length === 0) throw new InputError("verify", path, `it lists no files; ${ACCEPTED}`);
  return files;
}
function fromStatement(path, text2) {
  let s;
  try {
    s = JSON.parse(text2);
  } catch (err) {
    throw new InputError("verify", path, `it is not valid JSON (${err.message}); ${ACCEPTED}`);
  }
  if (s?._type !== STATEMENT_TYPE_V1 || s.predicateType !== SLSA_PROVENANCE_V1 || !Array.isArray(s.subject))
    throw new InputError("verify", path, `its _type is ${JSON.stringify(s?._type)} and predicateType ${JSON.stringify(s?.predicateType)}; ${ACCEPTED}`);
  let files = s.subject.map((subject) => {
    let sha = subject?.digest?.sha256;
    if (typeof subject?.name != "string" || !subject.name || typeof sha != "string" || !SHA256.test(sha))
      throw new InputError("verify", path, `a subject has no name or sha256 digest: ${JSON.stringify(subject).slice(0, 200)}`);
    return { name: checkName(path, subject.name), sha256: sha };
  });
  if (files.length === 0) throw new InputError("verify", path, "its statement has no subjects");
  let build = s.predicate?.buildDefinition, inputs = build?.externalParameters?.inputs ?? {};
  if (typeof inputs != "object" || Object.values(inputs).some((v) => typeof v != "string"))
    throw new InputError("verify", path, "its externalParameters.inputs is not an object of strings");
  let commit = build?.externalParameters?.source?.digest?.gitCommit;
  if (commit !== void 0 && !COMMIT.test(commit)) throw new InputError("verify", path, `its source gitCommit ${JSON.stringify(commit)} is not 40 hex digits`);
  let internal = build?.internalParameters ?? {};
  return { kind: "provenance", files, inputs, commit, go: internal.go, stamped: { version: internal.version, sourceDate: internal.sourceDate } };
}

// packages/go-build/src/inputs.ts
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
  "archive-name": "{name}_{bare_version}_{os}_{arch}{variant}",
  files: "",
  checksums: "true",
  sbom: "spdx",
  provenance: "true",
  "out-dir": "dist",
  cache: "true",
  "go-version": "",
  "go-version-file": "",
  "go-download-base-url": "https://go.dev/dl",
  parallel: "auto",
  verify: "",
  "verify-ref": "",
  "goreleaser-config": ""
}, VERIFY_ONLY = { inputs: ["verify", "verify-ref"], outputs: ["verified", "report", "input-differences"] }, PLACE_INPUTS = /* @__PURE__ */ new Set(["working-directory", "out-dir", "cache", "parallel", "go-download-base-url", "go-version-file", "verify", "verify-ref"]), LIST_INPUTS = /* @__PURE__ */ new Set(["targets", "tags", "files"]), LINE_INPUTS = /* @__PURE__ */ new Set(["x", "flags"]);
function normalized(name, value2) {
  return LIST_INPUTS.has(name) ? splitList(name === "tags" ? value2.replace(/\s+/g, ",") : value2).join(",") : LINE_INPUTS.has(name) ? value2.split(/\r?\n/).map((l) => l.trim()).filter(Boolean).join(`
`) : value2.trim();
}
function releaseReader(read, release) {
  let fixed = {};
  for (let [name, value2] of Object.entries(release.inputs)) Object.hasOwn(GO_BUILD_INPUTS, name) && !PLACE_INPUTS.has(name) && (fixed[name] = value2);
  let given = read.scoped("", {}), differences = [];
  for (let [name, statement] of Object.entries(fixed)) {
    let value2 = normalized(name, given.string(name)), byDefault = normalized(name, GO_BUILD_INPUTS[name]);
    value2 !== "" && value2 !== byDefault && value2 !== normalized(name, statement) && differences.push({ input: name, given: given.string(name), statement });
  }
  return !fixed.version && !read.string("version") && release.version && (fixed.version = release.version), !fixed["go-version"] && !read.string("go-version") && !read.string("go-version-file") && release.go && (fixed["go-version"] = release.go), { reader: read.scoped("", GO_BUILD_INPUTS, fixed), fixed, differences };
}
function parseVerify(read, cwd) {
  let path = read.path("verify", cwd), ref = read.string("verify-ref");
  if (!path) {
    if (ref) throw new InputError("verify-ref", ref, "it needs verify: the path of the release's provenance.intoto.json or checksums.txt");
    return;
  }
  if (ref && !/^[A-Za-z0-9][A-Za-z0-9._/@{}^~-]*$/.test(ref))
    throw new InputError("verify-ref", ref, "accepted: a commit, tag or branch (git rev-parse syntax, no spaces)");
  let release = readRelease(path);
  return { release, ref: ref || release.commit || "" };
}
function checkMain(main) {
  if (main.startsWith("-") || /\s/.test(main) || isAbsolute3(main) || /^[A-Za-z]:/.test(main) || main.split(/[\\/]/).includes(".."))
    throw new InputError("main", main, "accepted: a package path inside the module, such as . or ./cmd/server");
}
function parseGoBuildInputs(given, cwd, env = process.env) {
  let [first, ...also] = parseWithGoreleaser(given, GO_BUILD_INPUTS, cwd, env, (read) => parseOne(read, cwd));
  return also.length > 0 ? { ...first, also } : first;
}
function parseOne(given, cwd) {
  let verify = parseVerify(given, cwd);
  if (!verify) return parseBuildInputs(given, cwd);
  let { reader, fixed, differences } = releaseReader(given, verify.release);
  try {
    return { ...parseBuildInputs(reader, cwd), verify: { ...verify, differences } };
  } catch (err) {
    throw err instanceof InputError && Object.hasOwn(fixed, err.input) ? new InputError(
      err.input,
      err.value,
      `${err.accepted} (the value is the one ${verify.release.path} records in externalParameters.inputs; a statement's inputs pass the same checks as given ones)`
    ) : err;
  }
}
function parseBuildInputs(read, cwd) {
  let abs = (p) => isAbsolute3(p) ? p : resolve5(cwd, p), workingDirectory = abs(read.string("working-directory") || "."), main = read.string("main") || ".";
  checkMain(main);
  let name = read.string("name");
  if (name && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new InputError("name", name, "accepted: letters, digits, '.', '_' and '-'");
  let tags = splitList(read.string("tags").replace(/\s+/g, ","));
  for (let t of tags) if (!/^!?[A-Za-z0-9_.]+$/.test(t)) throw new InputError("tags", t, "accepted: build tags made of letters, digits, '_' and '.'");
  let flags = read.lines("flags");
  checkGoFlags(flags);
  let ldflags = read.string("ldflags");
  checkLdflags(ldflags);
  for (let input of ["ldflags", "x", "archive-name"]) checkTemplate(read.string(input), input);
  let parallel = read.string("parallel") === "auto" ? 0 : read.int("parallel", 1, 64), baseUrl = read.string("go-download-base-url");
  if (!/^https?:\/\/\S+$/.test(baseUrl)) throw new InputError("go-download-base-url", baseUrl, "accepted: an http(s) URL");
  return {
    workingDirectory,
    main,
    name,
    targets: read.list("targets", "targets"),
    version: read.string("version"),
    ldflags,
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
    sbom: read.choice("sbom", SBOM_FORMATS),
    provenance: read.bool("provenance"),
    outDir: abs(read.string("out-dir") || "dist"),
    cache: read.bool("cache"),
    goVersion: read.string("go-version"),
    goVersionFile: read.string("go-version-file") ? abs(read.string("go-version-file")) : "",
    goDownloadBaseUrl: baseUrl,
    parallel
  };
}

// packages/go-build/src/stage.ts
import { basename as basename6, dirname as dirname4, join as join16 } from "node:path";

// packages/go-build/src/provenance.ts
import { readFile as readFile6 } from "node:fs/promises";
import { dirname as dirname3, join as join13, relative as relative5 } from "node:path";
import { pathToFileURL } from "node:url";
async function writeGoBuildProvenance(r, inputs, env, startedOn) {
  let gitRoot = await git(inputs.workingDirectory, ["rev-parse", "--show-toplevel"]), goSum = join13(inputs.workingDirectory, "go.sum"), statement = provenanceStatement({
    buildType: gantryBuildType("go-build"),
    subjects: await currentSubjects(r),
    inputs: byteInputs(inputs, gitRoot),
    source: gitRoot && /^[0-9a-f]{40}$/.test(r.info.commit) ? { uri: await sourceUri(gitRoot, env), commit: r.info.commit } : void 0,
    internal: { gantry: GANTRY_VERSION, go: `go${r.go.version}`, version: r.info.version, sourceDate: r.info.date },
    goSumSha256: await exists(goSum) ? await sha256File(goSum) : "",
    env,
    startedOn,
    finishedOn: /* @__PURE__ */ new Date()
  }), path = join13(dirname3(r.manifestPath), PROVENANCE_FILE);
  return await writeProvenance(path, statement), r.manifest = { ...r.manifest, provenance: PROVENANCE_FILE }, await writeManifest(r.manifestPath, r.manifest), path;
}
async function currentSubjects(r) {
  if (r.checksumsPath) return parseChecksums(await readFile6(r.checksumsPath, "utf8"));
  let lines = await checksumLines(r.manifest.artifacts, (f) => resolveInManifest(r.manifestPath, f));
  return parseChecksums(lines.join(`
`));
}
function byteInputs(inputs, gitRoot) {
  return {
    "working-directory": gitRoot && relative5(gitRoot, inputs.workingDirectory).split("\\").join("/") || ".",
    main: inputs.main,
    name: inputs.name,
    targets: inputs.targets.join(","),
    version: inputs.version,
    ldflags: inputs.ldflags,
    x: inputs.x.join(`
`),
    tags: inputs.tags.join(","),
    flags: inputs.flags.join(`
`),
    cgo: String(inputs.cgo),
    strip: String(inputs.strip),
    upx: inputs.upx,
    archive: inputs.archive,
    "archive-name": inputs.archiveName,
    files: inputs.files.join(","),
    sbom: inputs.sbom,
    "go-version": inputs.goVersion
  };
}
async function sourceUri(gitRoot, env) {
  if (env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY) return `git+${env.GITHUB_SERVER_URL.replace(/\/+$/, "")}/${env.GITHUB_REPOSITORY}`;
  let origin = await git(gitRoot, ["remote", "get-url", "origin"]);
  return `git+${origin ? remoteUri(origin) : pathToFileURL(gitRoot).href}`;
}
function remoteUri(remote) {
  let scp = /^([A-Za-z0-9._-]+)@([A-Za-z0-9.-]+):(?!\/\/)(.*)$/.exec(remote);
  if (scp) return `ssh://${scp[1]}@${scp[2]}/${scp[3]}`;
  try {
    let u = new URL(remote);
    return u.username = "", u.password = "", u.toString();
  } catch {
    return pathToFileURL(remote).href;
  }
}

// packages/go-build/src/verify/report.ts
function verifySummary(r) {
  let bad2 = r.files.filter((f) => !f.identical).length, rows = r.files.map((f) => [
    f.file,
    `\`${f.expected.slice(0, 12)}\``,
    f.rebuilt ? `\`${f.rebuilt.slice(0, 12)}\`` : "—",
    f.identical ? "✓ identical" : `✗ ${f.difference}`
  ]), differences = r.differences.length ? [
    "Inputs you gave that the statement records otherwise (the rebuild used the statement's):",
    "",
    table(
      ["Input", "Given", "Statement"],
      r.differences.map((d) => [d.input, `\`${JSON.stringify(d.given)}\``, `\`${JSON.stringify(d.statement)}\``])
    ),
    ""
  ] : [];
  return [
    `### go-build verify: ${r.verified ? "reproducible" : `${bad2} of ${r.files.length} files differ`}`,
    "",
    `${r.release.kind === "provenance" ? "provenance statement" : "checksums"} \`${r.release.path}\` · commit \`${r.commit.slice(0, 12)}\` rebuilt in a clean folder with empty Go caches · go ${r.go}`,
    "",
    table(["File", "Release sha256", "Rebuilt sha256", "Result"], rows),
    "",
    ...differences
  ].join(`
`);
}
function setVerifyOutputs(r, ctx) {
  ctx.setOutput("verified", r.verified), ctx.setOutput(
    "report",
    r.files.map((f) => ({ file: f.file, expected: f.expected, rebuilt: f.rebuilt, identical: f.identical, difference: f.difference }))
  ), ctx.setOutput("input-differences", r.differences);
}

// packages/go-build/src/verify/verify.ts
import { readFile as readFile7 } from "node:fs/promises";
import { join as join15 } from "node:path";

// packages/go-build/src/verify/checkout.ts
import { chmod, lstat, mkdir as mkdir4, mkdtemp as mkdtemp3, readdir as readdir5, realpath as realpath2, rm as rm5 } from "node:fs/promises";
import { tmpdir as tmpdir2 } from "node:os";
import { join as join14, relative as relative6 } from "node:path";
async function writableTree(dir2) {
  let st = await lstat(dir2).catch(() => {
  });
  st?.isDirectory() && ((st.mode & 448) !== 448 && await chmod(dir2, st.mode | 448), await Promise.all((await readdir5(dir2)).map((e) => writableTree(join14(dir2, e)))));
}
var git2 = (cwd, args) => exec("git", args, { cwd, timeoutMs: 12e4 });
async function resolveCommit(dir2, ref, input) {
  let top = await git2(dir2, ["rev-parse", "--show-toplevel"]).catch(() => {
    throw new GantryError(`verify needs the git repository of working-directory to rebuild from, and ${dir2} is in none`);
  }), r = await exec("git", ["rev-parse", "--verify", "--quiet", `${ref || "HEAD"}^{commit}`], { cwd: dir2, allowFailure: !0 });
  if (r.code !== 0)
    throw new GantryError(
      `verify: the commit to rebuild, ${ref || "HEAD"} (${input}), is not in the repository at ${top.stdout.trim()}; fetch it first (actions/checkout with fetch-depth: 0)`
    );
  return { top: top.stdout.trim(), commit: r.stdout.trim() };
}
async function cleanCheckout(workingDirectory, ref, input, env, reporter) {
  let { top, commit } = await resolveCommit(workingDirectory, ref, input), parent = env.RUNNER_TEMP || tmpdir2();
  await mkdir4(parent, { recursive: !0 });
  let root = await mkdtemp3(join14(parent, "gantry-verify-")), src = join14(root, "src"), added = !1, remove = async () => {
    added && await git2(top, ["worktree", "remove", "--force", src]).catch((err) => reporter.info(`verify: git worktree remove ${src}: ${err}`)), await writableTree(root), await rm5(root, { recursive: !0, force: !0 }), added && await git2(top, ["worktree", "prune"]).catch(() => {
    });
  };
  try {
    await git2(top, ["worktree", "add", "--detach", "--quiet", src, commit]), added = !0;
    let [home, tmp] = [join14(root, "home"), join14(root, "tmp")];
    return await Promise.all([mkdir4(home), mkdir4(tmp)]), {
      commit,
      top: src,
      moduleDir: join14(src, relative6(top, await realpath2(workingDirectory))),
      outDir: join14(root, "out"),
      gocache: join14(root, "gocache"),
      gomodcache: join14(root, "gomodcache"),
      home,
      tmp,
      remove
    };
  } catch (err) {
    throw await remove(), err;
  }
}

// packages/go-build/src/verify/entries.ts
function readEntries(bytes) {
  try {
    if (bytes[0] === 31 && bytes[1] === 139) return { format: "tar.gz", entries: tarEntries(gunzipSync(bytes)) };
    if (bytes[0] === 80 && bytes[1] === 75 && bytes[2] === 3 && bytes[3] === 4) return { format: "zip", entries: zipEntries(bytes) };
  } catch {
    return;
  }
}
var BLOCK = 512;
function field(header, at, length) {
  let raw = Buffer.from(header.subarray(at, at + length)).toString("utf8"), nul = raw.indexOf("\0");
  return nul < 0 ? raw : raw.slice(0, nul);
}
function tarEntries(tar) {
  let entries = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    let header = tar.subarray(at, at + BLOCK);
    if (header.every((b) => b === 0)) break;
    let prefix = field(header, 345, 155), name = prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100), size = Number.parseInt(field(header, 124, 12).trim() || "0", 8);
    if (!Number.isFinite(size)) throw new Error(`tar entry ${name}: bad size`);
    let start = at + BLOCK;
    if (start + size > tar.length) throw new Error(`tar entry ${name} is cut short`);
    entries.push({ name, header, content: tar.subarray(start, start + size) }), at = start + Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
var LOCAL_HEADER = 67324752;
function zipEntries(zip3) {
  let v = new DataView(zip3.buffer, zip3.byteOffset, zip3.byteLength), entries = [];
  for (let at = 0; at + 30 <= zip3.length && v.getUint32(at, !0) === LOCAL_HEADER; ) {
    let method = v.getUint16(at + 8, !0), compressed = v.getUint32(at + 18, !0), headerLength = 30 + v.getUint16(at + 26, !0) + v.getUint16(at + 28, !0), name = Buffer.from(zip3.subarray(at + 30, at + 30 + v.getUint16(at + 26, !0))).toString("utf8"), data = zip3.subarray(at + headerLength, at + headerLength + compressed);
    entries.push({ name, header: zip3.subarray(at, at + headerLength), content: method === 8 ? inflateSync(data) : data }), at += headerLength + compressed;
  }
  return entries;
}

// packages/go-build/src/verify/sections.ts
function readSections(bytes) {
  let view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    if (bytes.length >= 52 && view.getUint32(0) === 2135247942) return { format: "elf", sections: elfSections(bytes, view) };
    if (bytes.length >= 64 && view.getUint16(0) === 19802) return { format: "pe", sections: peSections(bytes, view) };
    if (bytes.length >= 32 && view.getUint32(0, !0) === 4277009103) return { format: "macho", sections: machoSections(bytes, view) };
  } catch (err) {
    if (err instanceof RangeError) return;
    throw err;
  }
}
function cString(bytes, at, max = 256) {
  let end = at;
  for (; end < bytes.length && end < at + max && bytes[end] !== 0; ) end++;
  return Buffer.from(bytes.subarray(at, end)).toString("latin1");
}
var SHT_NOBITS = 8;
function elfSections(bytes, v) {
  let is64 = bytes[4] === 2, le = bytes[5] === 1, word = (at) => is64 ? Number(v.getBigUint64(at, le)) : v.getUint32(at, le), shoff = word(is64 ? 40 : 32), shentsize = v.getUint16(is64 ? 58 : 46, le), shnum = v.getUint16(is64 ? 60 : 48, le), shstrndx = v.getUint16(is64 ? 62 : 50, le), headers = Array.from({ length: shnum }, (_, i) => {
    let at = shoff + i * shentsize;
    return {
      nameAt: v.getUint32(at, le),
      type: v.getUint32(at + 4, le),
      offset: word(at + (is64 ? 24 : 16)),
      size: word(at + (is64 ? 32 : 20))
    };
  }), strtab = headers[shstrndx]?.offset ?? 0;
  return headers.filter((h) => h.type !== SHT_NOBITS && h.size > 0).map((h) => ({ name: cString(bytes, strtab + h.nameAt), offset: h.offset, size: h.size })).sort((a, b) => a.offset - b.offset);
}
function peSections(bytes, v) {
  let pe = v.getUint32(60, !0);
  if (v.getUint32(pe) !== 1346699264) throw new RangeError("no PE signature");
  let coff = pe + 4, count = v.getUint16(coff + 2, !0), symbols = v.getUint32(coff + 8, !0), symbolCount = v.getUint32(coff + 12, !0), table2 = coff + 20 + v.getUint16(coff + 16, !0), sections = [];
  for (let i = 0; i < count; i++) {
    let at = table2 + i * 40, name = cString(bytes, at, 8);
    /^\/\d+$/.test(name) && symbols > 0 && (name = cString(bytes, symbols + symbolCount * 18 + Number(name.slice(1))));
    let size = v.getUint32(at + 16, !0);
    size > 0 && sections.push({ name, offset: v.getUint32(at + 20, !0), size });
  }
  return sections.sort((a, b) => a.offset - b.offset);
}
var LC_SEGMENT_64 = 25, S_ZEROFILL = 1;
function machoSections(bytes, v) {
  let ncmds = v.getUint32(16, !0), sections = [], at = 32;
  for (let i = 0; i < ncmds; i++) {
    let cmd = v.getUint32(at, !0), cmdsize = v.getUint32(at + 4, !0);
    cmd === LC_SEGMENT_64 && sections.push(...segmentSections(bytes, v, at)), at += cmdsize;
  }
  return sections.sort((a, b) => a.offset - b.offset);
}
function segmentSections(bytes, v, at) {
  let segname = cString(bytes, at + 8, 16), nsects = v.getUint32(at + 64, !0);
  if (nsects === 0) {
    let size = Number(v.getBigUint64(at + 48, !0));
    return size > 0 ? [{ name: segname, offset: Number(v.getBigUint64(at + 40, !0)), size }] : [];
  }
  let out = [];
  for (let s = 0; s < nsects; s++) {
    let sect = at + 72 + s * 80, size = Number(v.getBigUint64(sect + 40, !0)), zerofill = (v.getUint32(sect + 64, !0) & 255) === S_ZEROFILL;
    size > 0 && !zerofill && out.push({ name: `${segname},${cString(bytes, sect, 16)}`, offset: v.getUint32(sect + 48, !0), size });
  }
  return out;
}

// packages/go-build/src/verify/diff.ts
var FORMAT_NAMES = { elf: "ELF", pe: "PE", macho: "Mach-O" }, equal = (a, b) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
function firstDifferingByte(a, b) {
  let n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return n;
}
function firstDifference(expected, rebuilt) {
  if (equal(expected, rebuilt)) return { kind: "identical" };
  let ex = readSections(expected), re = readSections(rebuilt);
  if (ex && re && ex.format === re.format) {
    let [section = "headers", ...also] = differingSections(expected, ex.sections, rebuilt, re.sections);
    return { kind: "section", format: ex.format, section, also };
  }
  let ea = readEntries(expected), ra = readEntries(rebuilt);
  return ea && ra && ea.format === ra.format ? firstEntry(ea.format, ea.entries, ra.entries) : { kind: "offset", offset: firstDifferingByte(expected, rebuilt) };
}
function differingSections(expected, ex, rebuilt, re) {
  let byName = new Map(re.map((s) => [s.name, s])), bytes = (file, s) => file.subarray(s.offset, s.offset + s.size), differing = ex.filter((s) => {
    let other = byName.get(s.name);
    return !other || !equal(bytes(expected, s), bytes(rebuilt, other));
  }), extra = re.filter((s) => !ex.some((e) => e.name === s.name));
  return [...differing, ...extra].map((s) => s.name);
}
function firstEntry(format, ex, re) {
  let byName = new Map(re.map((e) => [e.name, e]));
  for (let e of ex) {
    let other = byName.get(e.name);
    if (!other) return { kind: "entry", format, entry: e.name, part: "missing" };
    if (!equal(e.content, other.content)) return { kind: "entry", format, entry: e.name, part: "content", inner: firstDifference(e.content, other.content) };
    if (!equal(e.header, other.header)) return { kind: "entry", format, entry: e.name, part: "header" };
  }
  let extra = re.find((r) => !ex.some((e) => e.name === r.name));
  return extra ? { kind: "entry", format, entry: extra.name, part: "extra" } : { kind: "entry", format, entry: "(archive framing)", part: "header" };
}
function describeDifference(d) {
  switch (d.kind) {
    case "identical":
      return "identical";
    case "section":
      return d.section === "headers" ? `${FORMAT_NAMES[d.format] ?? d.format} headers` : d.also.length ? `section ${d.section} (also ${d.also.join(", ")})` : `section ${d.section}`;
    case "offset":
      return `byte ${d.offset}`;
    case "entry": {
      let where = `${d.format} entry ${d.entry}`;
      return d.part === "missing" ? `${where} (missing from the rebuild)` : d.part === "extra" ? `${where} (only in the rebuild)` : d.inner && d.inner.kind !== "identical" ? `${where} (${d.part}): ${describeDifference(d.inner)}` : `${where} (${d.part})`;
    }
  }
}

// packages/go-build/src/verify/verify.ts
var REBUILD_ENV = [
  "PATH",
  "GOPROXY",
  "GONOPROXY",
  "GOSUMDB",
  "GONOSUMDB",
  "GOPRIVATE",
  "GOTOOLCHAIN",
  "HTTPS_PROXY",
  "HTTP_PROXY",
  "NO_PROXY",
  "https_proxy",
  "http_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR"
];
function rebuildEnv(env, c, release) {
  let out = {};
  for (let name of REBUILD_ENV) env[name] !== void 0 && (out[name] = env[name]);
  Object.assign(out, { HOME: c.home, TMPDIR: c.tmp, GOCACHE: c.gocache, GOMODCACHE: c.gomodcache, GOENV: "off" });
  let date = Date.parse(release.date ?? "");
  return Number.isFinite(date) && (out.SOURCE_DATE_EPOCH = String(Math.floor(date / 1e3))), out;
}
async function verifyRelease(inputs, ctx, rebuild) {
  let { release, ref, differences } = inputs.verify;
  for (let d of differences)
    ctx.reporter.warning(
      `verify: input ${d.input}: you gave ${JSON.stringify(d.given)} and ${release.path} records ${JSON.stringify(d.statement)}; the rebuild uses the statement's, the release's own`
    );
  let from = ref ? ref === release.commit ? `the commit ${release.kind === "provenance" ? "the statement" : "the manifest"} names` : "verify-ref" : "HEAD", c = await cleanCheckout(inputs.workingDirectory, ref, ref === release.commit ? "verify" : "verify-ref", ctx.env, ctx.reporter);
  try {
    ctx.reporter.info(
      `verify: rebuilding ${c.commit.slice(0, 12)} (${from}) in a clean folder with empty Go caches, to compare ${release.files.length} files of ${release.path}`
    );
    let built = await rebuild(
      { ...inputs, verify: void 0, workingDirectory: c.moduleDir, outDir: c.outDir, cache: !1 },
      { ...ctx, env: rebuildEnv(ctx.env, c, release) }
    );
    release.go && release.go !== built.go.version && ctx.reporter.warning(`verify: the release was built with go ${release.go} and this rebuild with go ${built.go.version}; set go-version: ${release.go}`);
    let files = await Promise.all(release.files.map((f) => compareFile(f, release.folder, c.outDir)));
    return { verified: files.every((f) => f.identical), commit: c.commit, release, files, go: built.go.version, differences };
  } finally {
    await c.remove();
  }
}
async function compareFile(f, releaseFolder, outDir) {
  let rebuiltPath = join15(outDir, f.name);
  if (!await exists(rebuiltPath)) return { file: f.name, expected: f.sha256, rebuilt: "", identical: !1, difference: "the rebuild made no such file" };
  let rebuilt = await sha256File(rebuiltPath), row = { file: f.name, expected: f.sha256, rebuilt };
  if (rebuilt === f.sha256) return { ...row, identical: !0, difference: "identical" };
  let ownPath = join15(releaseFolder, f.name);
  if (!await exists(ownPath))
    return { ...row, identical: !1, difference: "differs (the release's file is not beside the list, so no section can be named)" };
  let own = await readFile7(ownPath);
  return sha256(own) !== f.sha256 ? { ...row, identical: !1, difference: "differs (and the release's own file does not match its listed sha256)" } : { ...row, identical: !1, difference: describeDifference(firstDifference(own, await readFile7(rebuiltPath))) };
}
function verifyError(r) {
  let bad2 = r.files.filter((f) => !f.identical), inputs = r.differences.length ? `; the inputs you gave that the statement records otherwise (its values were used): ${r.differences.map((d) => d.input).join(", ")}` : "";
  return new GantryError(
    `verify: ${bad2.length} of ${r.files.length} files rebuilt from ${r.commit.slice(0, 12)} differ from ${r.release.path}: ${bad2.map((f) => `${f.file}: ${f.difference}`).join("; ")}${inputs}`
  );
}

// packages/go-build/src/stage.ts
async function packBuilt(r, upx, ctx, packUpx) {
  let manifest = await packUpx(r.manifestPath, upx, { reporter: ctx.reporter, env: ctx.env, cwd: ctx.cwd });
  r.manifest = manifest, r.artifacts = r.artifacts.map((a, i) => ({ ...a, ...manifest.artifacts[i], absolutePath: a.absolutePath, buildMs: a.buildMs }));
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
    "",
    supplyChainLine(r)
  ].join(`
`);
}
function supplyChainLine(r) {
  let formats = [...new Set(r.artifacts.flatMap((a) => [a.sbom?.spdx ? "SPDX 2.3" : "", a.sbom?.cyclonedx ? "CycloneDX 1.6" : ""]).filter(Boolean))], parts = [
    formats.length > 0 ? `SBOMs: ${formats.join(", ")} beside each binary` : "",
    r.provenancePath ? `provenance: \`${basename6(r.provenancePath)}\` (in-toto v1, SLSA v1)` : ""
  ].filter(Boolean);
  return parts.length > 0 ? `${parts.join(" · ")}
` : "";
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
      archive: a.archive ? join16(dirname4(r.manifestPath), a.archive) : "",
      "archive-sha256": a["archive-sha256"] ?? "",
      sbom: {
        spdx: a.sbom?.spdx ? join16(dirname4(r.manifestPath), a.sbom.spdx) : "",
        cyclonedx: a.sbom?.cyclonedx ? join16(dirname4(r.manifestPath), a.sbom.cyclonedx) : ""
      }
    }))
  ), ctx.setOutput("manifest", r.manifestPath), ctx.setOutput("checksums", r.checksumsPath ?? ""), ctx.setOutput("provenance", r.provenancePath ?? ""), ctx.setOutput("version", r.info.version), ctx.setOutput("cache-hit", r.cacheHit);
}
function buildAndPack(packUpx) {
  return async (inputs, ctx) => {
    let r = await goBuild(inputs, ctx);
    return inputs.upx !== "false" && await packBuilt(r, inputs.upx, ctx, packUpx), r;
  };
}
async function runVerify(inputs, ctx, packUpx) {
  let r = await verifyRelease(inputs, ctx, buildAndPack(packUpx));
  if (setVerifyOutputs(r, ctx), ctx.summary(verifySummary(r)), !r.verified) throw verifyError(r);
  ctx.reporter.info(`verify: all ${r.files.length} files of ${r.release.path} rebuilt byte for byte from ${r.commit.slice(0, 12)}`);
}
async function releaseOne(inputs, ctx, packUpx) {
  let startedOn = /* @__PURE__ */ new Date(), r = await buildAndPack(packUpx)(inputs, ctx);
  inputs.provenance && (r.provenancePath = await writeGoBuildProvenance(r, inputs, ctx.env, startedOn)), setGoBuildOutputs(r, ctx), ctx.summary(goBuildSummary(r));
  let children = childProcessTime();
  ctx.reporter.debug(
    `go-build timing: ${Math.round(r.timing.totalMs)} ms in all, ${Math.round(children)} ms in child processes, ${Math.round(r.timing.totalMs - children)} ms gantry's own`
  );
}
var goBuildStageWith = (packUpx) => ({
  name: "go-build",
  description: "Cross-compile a Go service for many targets, reproducibly, with archives and checksums.",
  inputs: GO_BUILD_INPUTS,
  standalone: VERIFY_ONLY,
  parse: (read, ctx) => parseGoBuildInputs(read, ctx.cwd, ctx.env),
  async run(inputs, ctx) {
    if (inputs.verify) return runVerify({ ...inputs, verify: inputs.verify }, ctx, packUpx);
    let ignored = inputs.naming?.ignored ?? [];
    ignored.length > 0 && ctx.reporter.notice(`goreleaser-config: gantry does not do ${ignored.join("; ")}`);
    for (let more of inputs.also ?? []) await releaseOne(more, { ...ctx, setOutput: () => {
    } }, packUpx);
    await releaseOne(inputs, ctx, packUpx);
  },
  post: (ctx) => saveCachePlan(ctx.reporter, ctx.state, ctx.env)
});

export {
  tarGz,
  zip2 as zip,
  archiveKey,
  shippedFiles,
  checksumLines,
  writeChecksums,
  fillTemplate,
  quoteLdflagsWord,
  parseXAssignments,
  buildLdflags,
  vcsFlags,
  keptFolder,
  linkKey,
  restoreKept,
  isKept,
  keepMarker,
  keep,
  pruneKept,
  goCachePlan,
  goCacheEntries,
  cacheServed,
  judgeRestoredCache,
  VARIANT_ENV_NAMES,
  resolveTargets,
  goBuildArgs,
  goBuildEnv,
  binaryPath,
  CompileError,
  compile,
  limiter,
  compileAnnotations,
  compileAll,
  explainModuleFailure,
  moduleCommandError,
  downloadModules,
  checkModule,
  OutDir,
  readGoBinaryInfo,
  parseGoVersionText,
  parseGoBinaryInfo,
  builtModule,
  goPurl,
  stdlibPurl,
  uuidV5,
  cyclonedxJson,
  spdxDocument,
  SBOM_FORMATS,
  writeSboms,
  git,
  detectBuildInfo,
  defaultParallelism,
  goBuild,
  GO_BUILD_INPUTS,
  VERIFY_ONLY,
  parseGoBuildInputs,
  writeGoBuildProvenance,
  byteInputs,
  remoteUri,
  goBuildSummary,
  setGoBuildOutputs,
  goBuildStageWith
};
