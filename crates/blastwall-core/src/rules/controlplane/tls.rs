//! TLS settings shared by the API server and the kubelet: minimum versions and cipher suites.

/// Cipher suites the CIS benchmark accepts (TLS 1.2 AEAD suites with forward secrecy, and TLS 1.3's).
pub(crate) const STRONG_CIPHERS: &[&str] = &[
    "TLS_AES_128_GCM_SHA256",
    "TLS_AES_256_GCM_SHA384",
    "TLS_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
    "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305",
    "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
];

/// The suites of `list` that are not strong.
pub(crate) fn weak_ciphers<'a>(list: &[&'a str]) -> Vec<&'a str> {
    list.iter()
        .copied()
        .filter(|c| !STRONG_CIPHERS.contains(c))
        .collect()
}

/// True for a minimum TLS version below 1.2 (`VersionTLS10`, `VersionTLS11`).
pub(crate) fn below_tls12(version: &str) -> bool {
    matches!(version, "VersionTLS10" | "VersionTLS11")
}
