#pragma once

#include "engine/opensslptr.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace sockscope {

// SockScope's own certificate authority, kept in the user's data folder
// (tls/ca.pem: certificate and key) and made on first use. It issues the
// certificate a TLS listener uses when none is given (tls/localhost.pem, for
// localhost, 127.0.0.1 and ::1, also kept) and, for a relay with TLS on both
// legs, one certificate per server name. One anchor for all of them: a
// person trusts it once (--export-ca, or the window's Export CA action)
// and every certificate SockScope shows verifies, which a self-signed
// certificate per listener would not give.
class LocalCa {
public:
    // Loads the authority from dir, or makes it there. Two processes that
    // start at once both end up with the one that was written first.
    static std::shared_ptr<const LocalCa> open(const QString& dir, QString* error);
    // The folder QStandardPaths gives SockScope for its data, plus "tls".
    static QString defaultDir();

    QByteArray certificatePem() const;
    X509* certificate() const { return m_ca.certificate.get(); }
    // A new certificate for these names (DNS names or IP literals), not kept.
    std::optional<KeyAndCertificate> issue(const QStringList& names, QString* error) const;
    // The kept localhost certificate, issued again when it is missing,
    // expires within a week or was not issued by this authority.
    std::optional<KeyAndCertificate> localhostCertificate(QString* error) const;

private:
    LocalCa(QString dir, KeyAndCertificate ca);

    const QString m_dir;
    const KeyAndCertificate m_ca;
};

// The certificate's SHA-256 fingerprint, colon-separated upper-case hex, as
// browsers and `openssl x509 -fingerprint -sha256` show it.
QString sha256Fingerprint(X509* certificate);

// The first certificate and the first private key in a PEM file, checked to
// belong together; nullopt and a reason naming the file otherwise.
std::optional<KeyAndCertificate> readKeyAndCertificate(const QString& certFile,
                                                       const QString& keyFile, QString* error);

} // namespace sockscope
