#pragma once

#include "engine/localca.h"

#include <QHash>
#include <QString>

#include <memory>
#include <mutex>

namespace sockscope {

// The certificates of a TLS listener given no --cert, one per server name a
// client asks for (SNI), issued by the local CA on first use and kept in
// memory. A client that trusts the local CA then verifies whatever name it
// connected to, which is what a relay in the middle of TLS needs (as
// mitmproxy does). Names the kept localhost certificate covers are not
// issued again.
class ServerNameCertificates {
public:
    explicit ServerNameCertificates(std::shared_ptr<const LocalCa> ca);

    // The certificate for a client's SNI; null when the localhost certificate
    // serves it, when the name is not a host name a certificate can carry
    // (the SNI is the peer's to choose, and its text goes into the
    // certificate), or when issuing fails.
    std::shared_ptr<const KeyAndCertificate> forName(const QString& name);
    X509* authority() const { return m_ca->certificate(); }

private:
    const std::shared_ptr<const LocalCa> m_ca;
    std::mutex m_mutex; // contexts are shared; handshakes may run on any thread
    QHash<QString, std::shared_ptr<const KeyAndCertificate>> m_issued;
};

// True for a DNS name a certificate can name: letters, digits, '-' and '_'
// in labels of 1 to 63 characters, 253 characters at most, and no address.
bool isCertifiableHostName(const QString& name);

} // namespace sockscope
