#include "formats/tlsjson.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace sockscope {

namespace {
void putString(QJsonObject& object, QLatin1StringView key, const QString& value) {
    if (!value.isEmpty())
        object.insert(key, value);
}

QJsonObject certificateToJson(const TlsCertificate& c) {
    QJsonObject object;
    object.insert("depth"_L1, c.depth);
    putString(object, "subject"_L1, c.subject);
    putString(object, "issuer"_L1, c.issuer);
    putString(object, "not_before"_L1, c.notBefore);
    putString(object, "not_after"_L1, c.notAfter);
    if (!c.names.isEmpty())
        object.insert("names"_L1, QJsonArray::fromStringList(c.names));
    putString(object, "sha256"_L1, c.sha256);
    putString(object, "verify"_L1, c.verify);
    return object;
}

// Reads fields of one object, remembering the first problem.
class TlsFields {
public:
    explicit TlsFields(const QJsonObject& object, QString where)
        : m_object(object)
        , m_where(std::move(where)) {}

    void string(QLatin1StringView key, QString* out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isString())
            return fail(key, u"a string");
        *out = value.toString();
    }
    void strings(QLatin1StringView key, QStringList* out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isArray())
            return fail(key, u"an array of strings");
        for (const QJsonValue& item : value.toArray()) {
            if (!item.isString())
                return fail(key, u"an array of strings");
            out->append(item.toString());
        }
    }
    void boolean(QLatin1StringView key, bool* out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        if (!value.isBool())
            return fail(key, u"true or false");
        *out = value.toBool();
    }
    void integer(QLatin1StringView key, qint64* out) {
        const QJsonValue value = m_object.value(key);
        if (value.isUndefined())
            return;
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < 0 || number > 9e15 || number != qint64(number))
            return fail(key, u"a whole number of at least 0");
        *out = qint64(number);
    }
    void hex(QLatin1StringView key, QByteArray* out) {
        QString text;
        string(key, &text);
        const QByteArray latin = text.toLatin1();
        const auto isHex = [](char c) {
            return std::isxdigit(static_cast<unsigned char>(c));
        };
        if (latin.size() % 2 != 0 || !std::all_of(latin.begin(), latin.end(), isHex))
            return fail(key, u"hex digits");
        *out = QByteArray::fromHex(latin);
    }
    bool ok() const { return m_problem.isEmpty(); }
    QString problem() const { return m_problem; }

private:
    void fail(QLatin1StringView key, QStringView what) {
        if (m_problem.isEmpty())
            m_problem = QStringLiteral("'%1%2' must be %3").arg(m_where, key, what);
    }

    const QJsonObject m_object;
    const QString m_where;
    QString m_problem;
};
} // namespace

QJsonObject tlsToJson(const TlsSummary& s) {
    QJsonObject object;
    object.insert("role"_L1, s.client ? "client"_L1 : "server"_L1);
    object.insert("ok"_L1, s.ok);
    putString(object, "version"_L1, s.version);
    putString(object, "cipher"_L1, s.cipher);
    putString(object, "alpn"_L1, s.alpn);
    putString(object, "sni"_L1, s.sni);
    putString(object, "temp_key"_L1, s.tempKey);
    putString(object, "verify"_L1, s.verify);
    putString(object, "failure"_L1, s.failure);
    if (s.durationUs > 0)
        object.insert("duration_us"_L1, s.durationUs);
    if (!s.alerts.isEmpty())
        object.insert("alerts"_L1, QJsonArray::fromStringList(s.alerts));
    if (!s.chain.isEmpty()) {
        QJsonArray chain;
        for (const TlsCertificate& c : s.chain)
            chain.append(certificateToJson(c));
        object.insert("chain"_L1, chain);
    }
    putString(object, "client_hello"_L1, QString::fromLatin1(s.clientHello.toHex()));
    putString(object, "server_hello"_L1, QString::fromLatin1(s.serverHello.toHex()));
    putString(object, "keylog"_L1, QString::fromLatin1(s.keyLog));
    return object;
}

qint64 heldBytes(const TlsSummary& s) {
    const auto text = [](const QString& t) {
        return qint64(t.size()) * 2;
    };
    const auto texts = [&](const QStringList& list) {
        qint64 bytes = 0;
        for (const QString& t : list)
            bytes += text(t) + 32;
        return bytes;
    };
    qint64 bytes = qint64(sizeof s) + text(s.version) + text(s.cipher) + text(s.alpn) +
                   text(s.sni) + text(s.tempKey) + text(s.verify) + text(s.failure) +
                   texts(s.alerts) + s.clientHello.size() + s.serverHello.size() + s.keyLog.size();
    for (const TlsCertificate& c : s.chain)
        bytes += qint64(sizeof c) + text(c.subject) + text(c.issuer) + text(c.notBefore) +
                 text(c.notAfter) + texts(c.names) + text(c.sha256) + text(c.verify);
    return bytes;
}

std::optional<TlsSummary> tlsFromJson(const QJsonObject& object, QString* problem) {
    TlsSummary s;
    TlsFields f(object, QStringLiteral("tls."));
    QString role;
    f.string("role"_L1, &role);
    s.client = role == "client"_L1;
    f.boolean("ok"_L1, &s.ok);
    f.string("version"_L1, &s.version);
    f.string("cipher"_L1, &s.cipher);
    f.string("alpn"_L1, &s.alpn);
    f.string("sni"_L1, &s.sni);
    f.string("temp_key"_L1, &s.tempKey);
    f.string("verify"_L1, &s.verify);
    f.string("failure"_L1, &s.failure);
    f.integer("duration_us"_L1, &s.durationUs);
    f.strings("alerts"_L1, &s.alerts);
    f.hex("client_hello"_L1, &s.clientHello);
    f.hex("server_hello"_L1, &s.serverHello);
    QString keyLog;
    f.string("keylog"_L1, &keyLog);
    s.keyLog = keyLog.toLatin1();
    const QJsonValue chain = object.value("chain"_L1);
    if (!chain.isUndefined() && !chain.isArray()) {
        *problem = QStringLiteral("'tls.chain' must be an array of objects");
        return std::nullopt;
    }
    for (const QJsonValue& item : chain.toArray()) {
        if (!item.isObject()) {
            *problem = QStringLiteral("'tls.chain' must be an array of objects");
            return std::nullopt;
        }
        TlsCertificate c;
        TlsFields cf(item.toObject(), QStringLiteral("tls.chain[]."));
        qint64 depth = 0;
        cf.integer("depth"_L1, &depth);
        c.depth = int(std::min<qint64>(depth, 1000));
        cf.string("subject"_L1, &c.subject);
        cf.string("issuer"_L1, &c.issuer);
        cf.string("not_before"_L1, &c.notBefore);
        cf.string("not_after"_L1, &c.notAfter);
        cf.strings("names"_L1, &c.names);
        cf.string("sha256"_L1, &c.sha256);
        cf.string("verify"_L1, &c.verify);
        if (!cf.ok()) {
            *problem = cf.problem();
            return std::nullopt;
        }
        s.chain.append(c);
    }
    if (!f.ok()) {
        *problem = f.problem();
        return std::nullopt;
    }
    if (heldBytes(s) > kMaxTlsSummaryBytes) {
        *problem = QStringLiteral("'tls' holds more than %1 MiB, more than any handshake gives")
                       .arg(kMaxTlsSummaryBytes >> 20);
        return std::nullopt;
    }
    return s;
}

} // namespace sockscope
