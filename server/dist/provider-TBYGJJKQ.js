import {
  IdentityProvider
} from "./chunk-TFMEY4R7.js";
import "./chunk-RAPJ3XLV.js";
export {
  IdentityProvider
};
//# sourceMappingURL=provider-TBYGJJKQ.js.map
