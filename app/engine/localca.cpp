#include "engine/localca.h"

#include "base/sockaddr.h"

#include <QDir>
#include <QFile>
#include <QHostAddress>
#include <QStandardPaths>

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/x509v3.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

namespace sockscope {

namespace {
constexpr long kCaDays = 3650;

// Encrypted keys are refused, not asked for: OpenSSL's default would prompt
// for a passphrase on the terminal and block the engine.
int noPassphrase(char* buffer, int size, int writing, void* data) {
    Q_UNUSED(buffer);
    Q_UNUSED(size);
    Q_UNUSED(writing);
    Q_UNUSED(data);
    return -1;
}
// Within what browsers and macOS accept for a server certificate (398 days).
constexpr long kLeafDays = 397;
constexpr long kRenewBeforeSeconds = 7 * 24 * 3600;

bool addExtension(X509* certificate, X509* issuer, int nid, const char* value) {
    X509V3_CTX context;
    X509V3_set_ctx(&context, issuer, certificate, nullptr, nullptr, 0);
    X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, &context, nid, value);
    if (!extension)
        return false;
    const bool added = X509_add_ext(certificate, extension, -1) == 1;
    X509_EXTENSION_free(extension);
    return added;
}

// A new P-256 key (fast handshakes) and a certificate for it. issuer null:
// self-signed, a CA; otherwise a server certificate for names, signed by it.
std::optional<KeyAndCertificate> makeCertificate(const QString& commonName,
                                                 const QStringList& names,
                                                 const KeyAndCertificate* issuer, QString* error) {
    KeyAndCertificate made{UniquePkey(EVP_EC_gen("P-256")), UniqueX509(X509_new())};
    X509* x = made.certificate.get();
    bool ok = made.key && x && X509_set_version(x, X509_VERSION_3) == 1;
    unsigned char serial[16];
    ok = ok && RAND_bytes(serial, sizeof serial) == 1;
    serial[0] &= 0x7f; // positive
    BIGNUM* number = ok ? BN_bin2bn(serial, sizeof serial, nullptr) : nullptr;
    ok = ok && number && BN_to_ASN1_INTEGER(number, X509_get_serialNumber(x));
    BN_free(number);
    ok = ok && X509_gmtime_adj(X509_getm_notBefore(x), -3600) &&
         X509_gmtime_adj(X509_getm_notAfter(x), (issuer ? kLeafDays : kCaDays) * 86400L) &&
         X509_set_pubkey(x, made.key.get()) == 1;
    X509_NAME* subject = X509_get_subject_name(x);
    // A common name holds 64 characters at most; a longer DNS name is
    // carried by the subjectAltName alone, which is what clients check.
    const QByteArray cn =
        (commonName.size() <= 64 ? commonName : QStringLiteral("SockScope server")).toUtf8();
    ok = ok &&
         X509_NAME_add_entry_by_txt(subject, "O", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>("SockScope"), -1, -1,
                                    0) == 1 &&
         X509_NAME_add_entry_by_txt(subject, "CN", MBSTRING_UTF8,
                                    reinterpret_cast<const unsigned char*>(cn.constData()), -1, -1,
                                    0) == 1;
    X509* signer = issuer ? issuer->certificate.get() : x;
    ok = ok && X509_set_issuer_name(x, X509_get_subject_name(signer)) == 1;
    if (issuer) {
        QStringList alt;
        for (const QString& name : names) {
            QHostAddress address;
            alt.append((address.setAddress(name) ? QStringLiteral("IP:") : QStringLiteral("DNS:")) +
                       name);
        }
        const QByteArray altText = alt.join(u',').toUtf8();
        ok = ok && addExtension(x, signer, NID_basic_constraints, "critical,CA:FALSE") &&
             addExtension(x, signer, NID_key_usage, "critical,digitalSignature") &&
             addExtension(x, signer, NID_ext_key_usage, "serverAuth") &&
             addExtension(x, signer, NID_subject_key_identifier, "hash") &&
             addExtension(x, signer, NID_authority_key_identifier, "keyid") &&
             (altText.isEmpty() ||
              addExtension(x, signer, NID_subject_alt_name, altText.constData()));
    } else {
        ok = ok && addExtension(x, signer, NID_basic_constraints, "critical,CA:TRUE") &&
             addExtension(x, signer, NID_key_usage, "critical,keyCertSign,cRLSign") &&
             addExtension(x, signer, NID_subject_key_identifier, "hash");
    }
    EVP_PKEY* signingKey = issuer ? issuer->key.get() : made.key.get();
    ok = ok && X509_sign(x, signingKey, EVP_sha256()) > 0;
    if (!ok) {
        *error = QStringLiteral("cannot make a certificate for %1: %2")
                     .arg(commonName, takeOpenSslErrors(QStringLiteral("OpenSSL failed")));
        return std::nullopt;
    }
    return made;
}

QByteArray toPem(const KeyAndCertificate& pair) {
    const UniqueBio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), pair.certificate.get());
    PEM_write_bio_PrivateKey(bio.get(), pair.key.get(), nullptr, nullptr, 0, nullptr, nullptr);
    return bioText(bio.get()).toUtf8();
}

std::optional<KeyAndCertificate> fromPem(const QByteArray& pem) {
    const UniqueBio certs(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    UniqueX509 certificate(PEM_read_bio_X509(certs.get(), nullptr, nullptr, nullptr));
    const UniqueBio keys(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    UniquePkey key(PEM_read_bio_PrivateKey(keys.get(), nullptr, &noPassphrase, nullptr));
    ERR_clear_error();
    if (!certificate || !key || X509_check_private_key(certificate.get(), key.get()) != 1)
        return std::nullopt;
    return KeyAndCertificate{std::move(key), std::move(certificate)};
}

// Writes pem to path unless a file is there already: a temporary file,
// then link(), which fails rather than replace. Private keys: mode 0600.
bool writeIfAbsent(const QString& path, const QByteArray& pem, bool replace, QString* error) {
    QByteArray temp = QFile::encodeName(path + QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(temp.data());
    if (fd < 0) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, errnoText(errno));
        return false;
    }
    qsizetype written = 0;
    while (written < pem.size()) {
        const ssize_t n = ::write(fd, pem.constData() + written, size_t(pem.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        written += n;
    }
    const bool complete = written == pem.size() && ::fsync(fd) == 0;
    const int writeError = errno;
    ::close(fd);
    const QByteArray target = QFile::encodeName(path);
    bool placed = false;
    if (complete)
        placed = replace ? ::rename(temp.constData(), target.constData()) == 0
                         : (::link(temp.constData(), target.constData()) == 0 || errno == EEXIST);
    const int placeError = errno;
    ::unlink(temp.constData());
    if (!placed)
        *error = QStringLiteral("cannot write '%1': %2")
                     .arg(path, errnoText(complete ? placeError : writeError));
    return placed;
}

std::optional<KeyAndCertificate> readPemFile(const QString& path, QString* error, bool* missing) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *missing = !file.exists();
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    std::optional<KeyAndCertificate> pair = fromPem(file.read(1024 * 1024));
    if (!pair)
        *error = QStringLiteral("'%1' does not hold a certificate and its key").arg(path);
    return pair;
}

bool expiresSoon(X509* certificate) {
    time_t soon = std::time(nullptr) + kRenewBeforeSeconds;
    return X509_cmp_time(X509_get0_notAfter(certificate), &soon) <= 0;
}
} // namespace

LocalCa::LocalCa(QString dir, KeyAndCertificate ca)
    : m_dir(std::move(dir))
    , m_ca(std::move(ca)) {
}

QString LocalCa::defaultDir() {
    return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
           QStringLiteral("/tls");
}

std::shared_ptr<const LocalCa> LocalCa::open(const QString& dir, QString* error) {
    if (!QDir().mkpath(dir)) {
        *error = QStringLiteral("cannot make the folder '%1' for SockScope's CA").arg(dir);
        return nullptr;
    }
    const QString path = dir + QStringLiteral("/ca.pem");
    bool missing = false;
    std::optional<KeyAndCertificate> ca = readPemFile(path, error, &missing);
    if (!ca && missing) {
        std::optional<KeyAndCertificate> made =
            makeCertificate(QStringLiteral("SockScope local CA"), {}, nullptr, error);
        if (!made || !writeIfAbsent(path, toPem(*made), false, error))
            return nullptr;
        ca = readPemFile(path, error, &missing); // ours, or another process's that came first
    }
    if (!ca)
        return nullptr;
    return std::shared_ptr<const LocalCa>(new LocalCa(dir, std::move(*ca)));
}

QByteArray LocalCa::certificatePem() const {
    const UniqueBio bio(BIO_new(BIO_s_mem()));
    PEM_write_bio_X509(bio.get(), m_ca.certificate.get());
    return bioText(bio.get()).toUtf8();
}

std::optional<KeyAndCertificate> LocalCa::issue(const QStringList& names, QString* error) const {
    return makeCertificate(names.value(0), names, &m_ca, error);
}

std::optional<KeyAndCertificate> LocalCa::localhostCertificate(QString* error) const {
    const QString path = m_dir + QStringLiteral("/localhost.pem");
    bool missing = false;
    QString ignored;
    std::optional<KeyAndCertificate> kept = readPemFile(path, &ignored, &missing);
    if (kept && !expiresSoon(kept->certificate.get()) &&
        X509_check_issued(m_ca.certificate.get(), kept->certificate.get()) == X509_V_OK &&
        X509_verify(kept->certificate.get(), m_ca.key.get()) == 1)
        return kept;
    ERR_clear_error();
    std::optional<KeyAndCertificate> made = issue(
        {QStringLiteral("localhost"), QStringLiteral("127.0.0.1"), QStringLiteral("::1")}, error);
    if (!made || !writeIfAbsent(path, toPem(*made), true, error))
        return std::nullopt;
    return made;
}

QString sha256Fingerprint(X509* certificate) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (X509_digest(certificate, EVP_sha256(), digest, &length) != 1)
        return {};
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char*>(digest), int(length)).toHex(':').toUpper());
}

std::optional<KeyAndCertificate> readKeyAndCertificate(const QString& certFile,
                                                       const QString& keyFile, QString* error) {
    auto readAll = [error](const QString& path, QByteArray* out) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
            return false;
        }
        *out = file.read(16 * 1024 * 1024);
        return true;
    };
    QByteArray certPem;
    QByteArray keyPem;
    if (!readAll(certFile, &certPem) || !readAll(keyFile.isEmpty() ? certFile : keyFile, &keyPem))
        return std::nullopt;
    const UniqueBio certBio(BIO_new_mem_buf(certPem.constData(), int(certPem.size())));
    UniqueX509 certificate(PEM_read_bio_X509(certBio.get(), nullptr, nullptr, nullptr));
    if (!certificate) {
        *error = QStringLiteral("'%1' holds no PEM certificate: %2")
                     .arg(certFile, takeOpenSslErrors(QStringLiteral("unreadable")));
        return std::nullopt;
    }
    const UniqueBio keyBio(BIO_new_mem_buf(keyPem.constData(), int(keyPem.size())));
    UniquePkey key(PEM_read_bio_PrivateKey(keyBio.get(), nullptr, &noPassphrase, nullptr));
    const QString keyPath = keyFile.isEmpty() ? certFile : keyFile;
    if (!key) {
        *error = QStringLiteral("'%1' holds no PEM private key (an encrypted key is not "
                                "supported): %2")
                     .arg(keyPath, takeOpenSslErrors(QStringLiteral("unreadable")));
        return std::nullopt;
    }
    if (X509_check_private_key(certificate.get(), key.get()) != 1) {
        ERR_clear_error();
        *error = QStringLiteral("the key in '%1' does not belong to the certificate in '%2'")
                     .arg(keyPath, certFile);
        return std::nullopt;
    }
    return KeyAndCertificate{std::move(key), std::move(certificate)};
}

} // namespace sockscope
