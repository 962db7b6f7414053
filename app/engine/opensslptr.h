#pragma once

#include <QString>

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <memory>

namespace sockscope {

// Owning pointers for the OpenSSL objects SockScope creates, so that every
// early return frees them.
template <auto Free> struct OpenSslFree {
    template <typename T> void operator()(T* p) const { Free(p); }
};
using UniqueBio = std::unique_ptr<BIO, OpenSslFree<&BIO_free_all>>;
using UniquePkey = std::unique_ptr<EVP_PKEY, OpenSslFree<&EVP_PKEY_free>>;
using UniqueX509 = std::unique_ptr<X509, OpenSslFree<&X509_free>>;
using UniqueSslCtx = std::unique_ptr<SSL_CTX, OpenSslFree<&SSL_CTX_free>>;
using UniqueSsl = std::unique_ptr<SSL, OpenSslFree<&SSL_free>>;

// A certificate with its private key.
struct KeyAndCertificate {
    UniquePkey key;
    UniqueX509 certificate;
};

// What OpenSSL's error queue says, emptied, as one line: its reason
// strings ("no start line", "key values mismatch"), or fallback when the
// queue holds nothing.
QString takeOpenSslErrors(const QString& fallback);

// A BIO's contents as text (a name printed into a memory BIO, say).
QString bioText(BIO* bio);

} // namespace sockscope
