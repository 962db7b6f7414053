#include "engine/tlsinspector.h"

#include "engine/localca.h"
#include "engine/opensslptr.h"

#include <QHostAddress>

#include <openssl/x509v3.h>

namespace sockscope {

namespace {
int inspectorIndex() {
    static const int index = SSL_get_ex_new_index(0, nullptr, nullptr, nullptr, nullptr);
    return index;
}

QString nameText(const X509_NAME* name) {
    const UniqueBio bio(BIO_new(BIO_s_mem()));
    X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB);
    return bioText(bio.get());
}

// OpenSSL 3.0 names no alert that TLS 1.3 added: a client without the
// certificate a server requires read "unknown".
QString alertDescription(int alert) {
    const QString known = QString::fromLatin1(SSL_alert_desc_string_long(alert));
    if (known != u"unknown")
        return known;
    switch (alert & 0xff) {
    case 109:
        return QStringLiteral("missing extension");
    case 115:
        return QStringLiteral("unknown PSK identity");
    case 116:
        return QStringLiteral("certificate required");
    case 120:
        return QStringLiteral("no application protocol");
    default:
        return QStringLiteral("unknown (%1)").arg(alert & 0xff);
    }
}

QString timeText(const ASN1_TIME* time) {
    tm parts{};
    if (ASN1_TIME_to_tm(time, &parts) != 1)
        return {};
    return QStringLiteral("%1-%2-%3T%4:%5:%6Z")
        .arg(parts.tm_year + 1900, 4, 10, QLatin1Char('0'))
        .arg(parts.tm_mon + 1, 2, 10, QLatin1Char('0'))
        .arg(parts.tm_mday, 2, 10, QLatin1Char('0'))
        .arg(parts.tm_hour, 2, 10, QLatin1Char('0'))
        .arg(parts.tm_min, 2, 10, QLatin1Char('0'))
        .arg(parts.tm_sec, 2, 10, QLatin1Char('0'));
}

QStringList alternativeNames(X509* certificate) {
    QStringList names;
    auto* general = static_cast<GENERAL_NAMES*>(
        X509_get_ext_d2i(certificate, NID_subject_alt_name, nullptr, nullptr));
    for (int i = 0; general && i < sk_GENERAL_NAME_num(general); ++i) {
        const GENERAL_NAME* name = sk_GENERAL_NAME_value(general, i);
        if (name->type == GEN_DNS) {
            const ASN1_STRING* dns = name->d.dNSName;
            names.append(
                QString::fromUtf8(reinterpret_cast<const char*>(ASN1_STRING_get0_data(dns)),
                                  ASN1_STRING_length(dns)));
        } else if (name->type == GEN_IPADD) {
            const ASN1_OCTET_STRING* ip = name->d.iPAddress;
            const int length = ASN1_STRING_length(ip);
            const unsigned char* bytes = ASN1_STRING_get0_data(ip);
            QHostAddress address;
            if (length == 4)
                address.setAddress(quint32(bytes[0]) << 24 | quint32(bytes[1]) << 16 |
                                   quint32(bytes[2]) << 8 | bytes[3]);
            else if (length == 16)
                address.setAddress(bytes);
            if (!address.isNull())
                names.append(address.toString());
        }
    }
    GENERAL_NAMES_free(general);
    return names;
}

QString keyText(EVP_PKEY* key) {
    if (!key)
        return {};
    const int bits = EVP_PKEY_get_bits(key);
    const int id = EVP_PKEY_get_base_id(key);
    if (id == EVP_PKEY_EC) {
        char group[64] = {};
        EVP_PKEY_get_group_name(key, group, sizeof group, nullptr);
        return QStringLiteral("ECDH, %1, %2 bits").arg(QString::fromLatin1(group)).arg(bits);
    }
    if (id == EVP_PKEY_DH)
        return QStringLiteral("DH, %1 bits").arg(bits);
    return QStringLiteral("%1, %2 bits").arg(QString::fromLatin1(OBJ_nid2sn(id))).arg(bits);
}

QString verifyErrorText(int error) {
    return QString::fromLatin1(X509_verify_cert_error_string(error));
}
} // namespace

TlsCertificate describeCertificate(X509* certificate, int depth) {
    TlsCertificate shown;
    shown.depth = depth;
    shown.subject = nameText(X509_get_subject_name(certificate));
    shown.issuer = nameText(X509_get_issuer_name(certificate));
    shown.notBefore = timeText(X509_get0_notBefore(certificate));
    shown.notAfter = timeText(X509_get0_notAfter(certificate));
    shown.names = alternativeNames(certificate);
    shown.sha256 = sha256Fingerprint(certificate);
    shown.verify = QStringLiteral("ok");
    return shown;
}

TlsInspector::TlsInspector(bool client, bool enforceVerify, QString sni)
    : m_client(client)
    , m_enforceVerify(enforceVerify) {
    m_summary.client = client;
    m_summary.sni = std::move(sni);
}

void TlsInspector::attach(SSL* ssl) {
    SSL_set_ex_data(ssl, inspectorIndex(), this);
}

TlsInspector* TlsInspector::of(const SSL* ssl) {
    return static_cast<TlsInspector*>(SSL_get_ex_data(ssl, inspectorIndex()));
}

void TlsInspector::handshakeStarted() {
    if (!m_clock.isValid())
        m_clock.start();
}

void TlsInspector::onMessage(bool sent, int contentType, const unsigned char* bytes,
                             size_t length) {
    if (m_finished) // the summary is made; later messages have nowhere to go
        return;
    if (contentType == SSL3_RT_HANDSHAKE && length > 0) {
        // Only the first of each: a HelloRetryRequest's second ClientHello
        // would otherwise hide the one that was answered with it.
        const QByteArray message(reinterpret_cast<const char*>(bytes), qsizetype(length));
        if (bytes[0] == SSL3_MT_CLIENT_HELLO && m_summary.clientHello.isEmpty())
            m_summary.clientHello = message;
        else if (bytes[0] == SSL3_MT_SERVER_HELLO && m_summary.serverHello.isEmpty())
            m_summary.serverHello = message;
    } else if (contentType == SSL3_RT_ALERT && length >= 2) {
        const int alert = bytes[0] << 8 | bytes[1];
        m_summary.alerts.append(QStringLiteral("%1 %2 %3")
                                    .arg(sent ? u"sent" : u"received")
                                    .arg(QString::fromLatin1(SSL_alert_type_string_long(alert)))
                                    .arg(alertDescription(alert)));
    }
}

int TlsInspector::onVerify(int preverifyOk, X509_STORE_CTX* store) {
    const int depth = X509_STORE_CTX_get_error_depth(store);
    if (depth == 0 && m_peerNames.isEmpty()) {
        if (X509* leaf = X509_STORE_CTX_get_current_cert(store)) {
            const QStringList names = alternativeNames(leaf);
            m_peerNames =
                names.isEmpty()
                    ? QStringLiteral("no names but %1").arg(nameText(X509_get_subject_name(leaf)))
                    : names.join(QStringLiteral(", "));
        }
    }
    if (!preverifyOk && !m_verifyErrors.contains(depth))
        m_verifyErrors.insert(depth, X509_STORE_CTX_get_error(store));
    return m_enforceVerify ? preverifyOk : 1;
}

void TlsInspector::onKeyLogLine(const char* line) {
    m_summary.keyLog += line;
    m_summary.keyLog += '\n';
}

QString TlsInspector::verifyText() const {
    if (m_verifyErrors.isEmpty())
        return QStringLiteral("ok");
    const int depth = m_verifyErrors.firstKey();
    const int error = m_verifyErrors.first();
    if (error == X509_V_ERR_HOSTNAME_MISMATCH || error == X509_V_ERR_IP_ADDRESS_MISMATCH)
        return QStringLiteral("hostname mismatch: wanted %1, certificate has %2")
            .arg(m_summary.sni, m_peerNames);
    return QStringLiteral("%1 (depth %2)").arg(verifyErrorText(error)).arg(depth);
}

std::shared_ptr<const TlsSummary> TlsInspector::finish(SSL* ssl, bool ok, const QString& failure) {
    m_finished = true;
    TlsSummary summary = m_summary;
    summary.ok = ok;
    summary.durationUs = m_clock.isValid() ? m_clock.nsecsElapsed() / 1000 : 0;
    if (ok || !summary.serverHello.isEmpty()) // before that, nothing is agreed
        summary.version = QString::fromLatin1(SSL_get_version(ssl));
    if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl))
        summary.cipher = QString::fromLatin1(SSL_CIPHER_get_name(cipher));
    const unsigned char* alpn = nullptr;
    unsigned int alpnLength = 0;
    SSL_get0_alpn_selected(ssl, &alpn, &alpnLength);
    summary.alpn = QString::fromLatin1(reinterpret_cast<const char*>(alpn), int(alpnLength));
    if (!m_client) {
        if (const char* name = SSL_get_servername(ssl, TLSEXT_NAMETYPE_host_name))
            summary.sni = QString::fromUtf8(name);
    }
    EVP_PKEY* tempKey = nullptr;
    if (m_client ? SSL_get_peer_tmp_key(ssl, &tempKey) : SSL_get_tmp_key(ssl, &tempKey)) {
        summary.tempKey = keyText(tempKey);
        EVP_PKEY_free(tempKey);
    }
    // The chain as presented; a server's view of it lacks the client's own
    // certificate, which comes first.
    QList<X509*> chain;
    if (STACK_OF(X509)* presented = SSL_get_peer_cert_chain(ssl)) {
        for (int i = 0; i < sk_X509_num(presented); ++i)
            chain.append(sk_X509_value(presented, i));
    }
    X509* leaf = SSL_get0_peer_certificate(ssl);
    if (leaf && (chain.isEmpty() || X509_cmp(chain.first(), leaf) != 0))
        chain.prepend(leaf);
    for (int depth = 0; depth < chain.size(); ++depth) {
        TlsCertificate shown = describeCertificate(chain[depth], depth);
        const auto error = m_verifyErrors.constFind(depth);
        if (error != m_verifyErrors.cend())
            shown.verify =
                (*error == X509_V_ERR_HOSTNAME_MISMATCH || *error == X509_V_ERR_IP_ADDRESS_MISMATCH)
                    ? QStringLiteral("hostname mismatch: wanted %1").arg(m_summary.sni)
                    : verifyErrorText(*error);
        summary.chain.append(shown);
    }
    if (!m_client && chain.isEmpty())
        summary.verify =
            m_enforceVerify ? QStringLiteral("no client certificate") : QStringLiteral("not asked");
    else if (!m_enforceVerify && !m_verifyErrors.isEmpty())
        summary.verify = QStringLiteral("off (%1)").arg(verifyText());
    else
        summary.verify = verifyText();
    if (!ok) {
        // A verification that failed the handshake says it best; OpenSSL's
        // own reason ("certificate verify failed") only repeats it.
        summary.failure = m_enforceVerify && !m_verifyErrors.isEmpty() ? verifyText() : failure;
        if (!summary.alerts.isEmpty())
            summary.failure += QStringLiteral(" (alert %1)").arg(summary.alerts.last());
    }
    return std::make_shared<const TlsSummary>(std::move(summary));
}

} // namespace sockscope
