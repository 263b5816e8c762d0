//! RS256 JSON Web Tokens, the one signature scheme OneAPI uses for client assertions.
//!
//! The console signs its `client_assertion` with [`sign_rs256`]; the emulator checks one with
//! [`verify_rs256`]. Only RS256 is accepted: a token whose header names any other algorithm,
//! `none` included, is refused before its signature is looked at, so a caller cannot choose a
//! weaker check. Claims are returned as JSON; what they must say is the caller's business.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rsa::pkcs1::{DecodeRsaPrivateKey, DecodeRsaPublicKey};
use rsa::pkcs1v15::{Signature, SigningKey, VerifyingKey};
use rsa::pkcs8::{DecodePrivateKey, DecodePublicKey};
use rsa::rand_core::OsRng;
use rsa::signature::{RandomizedSigner, SignatureEncoding, Verifier};
use rsa::{RsaPrivateKey, RsaPublicKey};
use serde_json::Value;
use sha2::Sha256;

/// Why a token was not accepted, or could not be made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum JwtError {
    #[error("a JWT has three base64url parts with a JSON header and claims")]
    Malformed,
    #[error("the JWT header names the algorithm {0:?}; only RS256 is accepted")]
    Algorithm(String),
    #[error("the JWT signature does not match the key")]
    Signature,
    #[error("the JWT claims are not a JSON object")]
    Claims,
    #[error("the key could not sign the token")]
    Signing,
}

/// Why PEM text did not give an RSA key.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("not an RSA private key in PEM (PKCS#8 `PRIVATE KEY` or PKCS#1 `RSA PRIVATE KEY`)")]
    Private,
    #[error("not an RSA public key in PEM (`PUBLIC KEY` or `RSA PUBLIC KEY`)")]
    Public,
}

/// `claims` as a compact RS256 JWT signed with `key`.
pub fn sign_rs256(claims: &Value, key: &RsaPrivateKey) -> Result<String, JwtError> {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"RS256","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");

    // The randomized signer blinds the private-key operation, so its timing says nothing.
    let signature = SigningKey::<Sha256>::new(key.clone())
        .try_sign_with_rng(&mut OsRng, signing_input.as_bytes())
        .map_err(|_| JwtError::Signing)?;
    Ok(format!("{signing_input}.{}", URL_SAFE_NO_PAD.encode(signature.to_bytes())))
}

/// The claims of `token` if it is an RS256 JWT whose signature verifies with `key`.
pub fn verify_rs256(token: &str, key: &RsaPublicKey) -> Result<Value, JwtError> {
    let (signing_input, signature) = token.rsplit_once('.').ok_or(JwtError::Malformed)?;
    let (header, payload) = signing_input.split_once('.').ok_or(JwtError::Malformed)?;
    if payload.contains('.') {
        return Err(JwtError::Malformed);
    }

    let header = decode_json(header)?;
    match header.get("alg").and_then(Value::as_str) {
        Some("RS256") => {}
        other => return Err(JwtError::Algorithm(other.unwrap_or_default().to_owned())),
    }

    let signature = URL_SAFE_NO_PAD.decode(signature).map_err(|_| JwtError::Malformed)?;
    let signature = Signature::try_from(signature.as_slice()).map_err(|_| JwtError::Signature)?;
    VerifyingKey::<Sha256>::new(key.clone())
        .verify(signing_input.as_bytes(), &signature)
        .map_err(|_| JwtError::Signature)?;

    let claims = decode_json(payload)?;
    if claims.is_object() {
        Ok(claims)
    } else {
        Err(JwtError::Claims)
    }
}

/// A private key from PEM text, PKCS#8 or PKCS#1 (the two forms key tools write).
pub fn private_key_from_pem(pem: &str) -> Result<RsaPrivateKey, KeyError> {
    let pem = pem.trim();
    RsaPrivateKey::from_pkcs8_pem(pem)
        .or_else(|_| RsaPrivateKey::from_pkcs1_pem(pem))
        .map_err(|_| KeyError::Private)
}

/// A public key from PEM text, SubjectPublicKeyInfo (`PUBLIC KEY`) or PKCS#1.
pub fn public_key_from_pem(pem: &str) -> Result<RsaPublicKey, KeyError> {
    let pem = pem.trim();
    RsaPublicKey::from_public_key_pem(pem)
        .or_else(|_| RsaPublicKey::from_pkcs1_pem(pem))
        .map_err(|_| KeyError::Public)
}

fn decode_json(part: &str) -> Result<Value, JwtError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|_| JwtError::Malformed)?;
    serde_json::from_slice(&bytes).map_err(|_| JwtError::Malformed)
}

#[cfg(test)]
mod tests {
    use rsa::pkcs1::EncodeRsaPrivateKey;
    use rsa::pkcs8::{EncodePrivateKey, EncodePublicKey, LineEnding};
    use serde_json::json;

    use super::*;

    fn key() -> RsaPrivateKey {
        RsaPrivateKey::new(&mut OsRng, 2048).unwrap()
    }

    fn claims() -> Value {
        json!({ "iss": "client", "sub": "client", "aud": "https://api.zscaler.com", "exp": 1 })
    }

    #[test]
    fn a_signed_token_verifies_and_gives_back_its_claims() {
        let key = key();
        let token = sign_rs256(&claims(), &key).unwrap();
        assert_eq!(verify_rs256(&token, &key.to_public_key()).unwrap(), claims());
    }

    #[test]
    fn a_tampered_token_or_another_key_is_refused() {
        let key = key();
        let token = sign_rs256(&claims(), &key).unwrap();
        let parts: Vec<&str> = token.split('.').collect();
        let forged_claims = URL_SAFE_NO_PAD.encode(json!({ "sub": "admin" }).to_string());
        let tampered = format!("{}.{forged_claims}.{}", parts[0], parts[2]);
        assert_eq!(verify_rs256(&tampered, &key.to_public_key()), Err(JwtError::Signature));

        let other = key_other_than(&key);
        assert_eq!(verify_rs256(&token, &other.to_public_key()), Err(JwtError::Signature));
        assert_eq!(verify_rs256("a.b", &key.to_public_key()), Err(JwtError::Malformed));
        let extra = format!("{token}.x");
        assert_eq!(verify_rs256(&extra, &key.to_public_key()), Err(JwtError::Malformed));
    }

    #[test]
    fn alg_none_and_other_algorithms_are_refused() {
        let key = key();
        let payload = URL_SAFE_NO_PAD.encode(claims().to_string());
        for header in [r#"{"alg":"none"}"#, r#"{"alg":"HS256"}"#, r#"{"typ":"JWT"}"#] {
            let token = format!("{}.{payload}.", URL_SAFE_NO_PAD.encode(header));
            let refused = verify_rs256(&token, &key.to_public_key()).unwrap_err();
            assert!(matches!(refused, JwtError::Algorithm(_)), "{header}: {refused:?}");
        }
    }

    #[test]
    fn keys_are_read_from_pkcs8_and_pkcs1_pem() {
        let key = key();
        let pkcs8 = key.to_pkcs8_pem(LineEnding::LF).unwrap();
        let pkcs1 = key.to_pkcs1_pem(LineEnding::LF).unwrap();
        assert_eq!(private_key_from_pem(&pkcs8).unwrap(), key);
        assert_eq!(private_key_from_pem(&pkcs1).unwrap(), key);
        let public = key.to_public_key().to_public_key_pem(LineEnding::LF).unwrap();
        assert_eq!(public_key_from_pem(&public).unwrap(), key.to_public_key());
        assert_eq!(private_key_from_pem(&public), Err(KeyError::Private));
        assert_eq!(public_key_from_pem("-----BEGIN NOTHING-----"), Err(KeyError::Public));
    }

    fn key_other_than(key: &RsaPrivateKey) -> RsaPrivateKey {
        let other = self::key();
        assert_ne!(&other, key);
        other
    }
}
