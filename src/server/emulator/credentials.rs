//! The API client the emulator accepts: id, secret, customer, and the public key that OneAPI
//! client assertions must verify with.

use rand::distr::Alphanumeric;
use rand::Rng;

/// The API client credentials and customer the emulator accepts.
#[derive(Clone)]
pub struct EmulatorCredentials {
    pub client_id: String,
    pub client_secret: String,
    pub customer_id: u64,
    /// PEM of the RSA public key a OneAPI `client_assertion` must be signed for; with `None`
    /// every assertion is refused and only the secret signs in.
    pub public_key_pem: Option<String>,
}

impl EmulatorCredentials {
    /// Fresh credentials nobody can guess, for a demo that must not accept a known secret.
    #[must_use]
    pub fn random() -> Self {
        let mut rng = rand::rng();
        let mut text = |length: usize| -> String {
            (&mut rng).sample_iter(Alphanumeric).take(length).map(char::from).collect()
        };
        let (client_id, client_secret) = (text(24), text(40));
        let customer_id =
            rand::rng().random_range(100_000_000_000_000_000..1_000_000_000_000_000_000);
        Self { client_id, client_secret, customer_id, public_key_pem: None }
    }
}

impl std::fmt::Debug for EmulatorCredentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EmulatorCredentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("customer_id", &self.customer_id)
            .field("public_key_pem", &self.public_key_pem.as_ref().map(|_| "<set>"))
            .finish()
    }
}
