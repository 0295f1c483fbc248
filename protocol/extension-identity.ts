/**
 * Who the extension is, wherever it is installed. Chrome and Edge derive an extension's ID
 * from the public key in its manifest (`key`), and Firefox takes it from
 * `browser_specific_settings.gecko.id`; fixing both means the same ID on every machine, so
 * the server can list the extension's sign-in redirects and write deployment policies for it.
 * The private key that signs packed builds is never kept in this repository.
 */

/** The public half of the extension's RSA signing key: base64 DER (SubjectPublicKeyInfo). */
export const EXTENSION_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0tXzQI4sEfPcVU8Gp0hMlfi463D5iAalaqS5ldnoTq5vtX5pdOzl0Bn9FLTBtCAznV3d7SB71lcCx8EFxOXAdlLDUZe+7SYqerFshpEert+4WiLg7GRHuvsb7It9XpoPWPISjhQ3htDdXTDpZP/Ir2seK9B8kUXkXMSSHCnHFfCiBqTHKsjQEAhmTVPu9ENVXw6wGEgMhBZtI5WgXrnDgBVJczlJWl9iEhqYoeKDS1+TmN423kIlVtlBvFmphVoQoE8OETGXjVqQRlEBM8aR0k6C0LEKuLCxXSJECx+gD9VO4jkU4fWub6bN+7Pgdw1fTNWBzAMObhAdBbCuKbKzPwIDAQAB';

/** The Firefox add-on ID (`browser_specific_settings.gecko.id`). */
export const GECKO_ID = 'snag@snag.invalid';
