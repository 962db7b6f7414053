#include "cli/scenario.h"

#include "base/endpoint.h"
#include "base/jsonfaults.h"
#include "base/payloadtext.h"
#include "formats/messagelibraryfile.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sockscope {

namespace {
constexpr int kMaxTimeoutMs = 600000;
constexpr qsizetype kSummaryBytes = 40;

// A regular file's bytes, at most limit of them: a device, a pipe or a
// huge file named in a scenario is refused, never read without end.
std::optional<QByteArray> readSmallFile(const QString& path, qint64 limit, QString* error) {
    const QFileInfo info(path);
    if (!info.isFile()) {
        *error = info.exists() ? QStringLiteral("'%1' is not a regular file").arg(path)
                               : QStringLiteral("cannot read '%1': no such file").arg(path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read '%1': %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QByteArray bytes = file.read(limit + 1);
    if (bytes.size() > limit) {
        *error =
            QStringLiteral("'%1' is larger than %2 MiB").arg(path, QString::number(limit >> 20));
        return std::nullopt;
    }
    return bytes;
}

// Reads one scenario file, keeping the first error with where it was found.
class Parser : public JsonFaults {
public:
    Parser(QDir folder, const ScenarioLoadOptions& options)
        : m_folder(std::move(folder))
        , m_options(options) {}

    std::optional<Scenario> scenario(const QJsonObject& root) {
        if (!onlyKeys(root, QString(),
                      {QStringLiteral("sockscope_scenario"), QStringLiteral("name"),
                       QStringLiteral("timeout_ms"), QStringLiteral("library"),
                       QStringLiteral("steps")}))
            return std::nullopt;
        if (root.value(u"sockscope_scenario") != QJsonValue(1)) {
            fail(QStringLiteral("sockscope_scenario"),
                 QStringLiteral("must be 1 (the format version this SockScope reads)"));
            return std::nullopt;
        }
        Scenario scenario;
        const QJsonValue name = root.value(u"name");
        if (!name.isUndefined() && !name.isString()) {
            fail(QStringLiteral("name"), QStringLiteral("must be a string"));
            return std::nullopt;
        }
        scenario.name = name.toString();
        m_defaultTimeoutMs = m_options.defaultTimeoutMs;
        if (root.contains(u"timeout_ms") &&
            !milliseconds(root.value(u"timeout_ms"), QStringLiteral("timeout_ms"), 1,
                          &m_defaultTimeoutMs))
            return std::nullopt;
        if (root.contains(u"library") && !library(root.value(u"library")))
            return std::nullopt;
        const QJsonValue steps = root.value(u"steps");
        if (!steps.isArray() || steps.toArray().isEmpty()) {
            fail(QStringLiteral("steps"), QStringLiteral("must be a non-empty array of steps"));
            return std::nullopt;
        }
        const QJsonArray list = steps.toArray();
        if (list.size() > Scenario::kMaxSteps) {
            fail(QStringLiteral("steps"),
                 QStringLiteral("%1 steps; at most %2").arg(list.size()).arg(Scenario::kMaxSteps));
            return std::nullopt;
        }
        for (qsizetype i = 0; i < list.size(); ++i) {
            auto one = step(list.at(i), QStringLiteral("steps[%1]").arg(i));
            if (!one)
                return std::nullopt;
            // One scenario, one connection: it opens first and only once.
            if ((i == 0) != (one->kind == ScenarioStep::Kind::Connect)) {
                fail(QStringLiteral("steps[%1]").arg(i),
                     i == 0 ? QStringLiteral("the first step must be a connect")
                            : QStringLiteral("a scenario has one connection: connect only as "
                                             "the first step"));
                return std::nullopt;
            }
            scenario.steps.push_back(std::move(*one));
        }
        return scenario;
    }

private:
    bool milliseconds(const QJsonValue& value, const QString& where, int least, int* ms) {
        const double number = value.toDouble(-1);
        if (!value.isDouble() || number < least || number > kMaxTimeoutMs ||
            number != double(qint64(number)))
            return fail(where, QStringLiteral("must be a whole number of milliseconds from %1 "
                                              "to %2")
                                   .arg(least)
                                   .arg(kMaxTimeoutMs));
        *ms = int(number);
        return true;
    }

    QString resolved(const QString& path) const {
        return QDir::isAbsolutePath(path) ? path : m_folder.filePath(path);
    }

    bool library(const QJsonValue& value) {
        if (!value.isString() || value.toString().isEmpty())
            return fail(QStringLiteral("library"), QStringLiteral("must be a file name"));
        QString why;
        auto messages = readMessageLibrary(resolved(value.toString()), &why);
        if (!messages)
            return fail(QStringLiteral("library"), why);
        m_library = std::move(*messages);
        m_hasLibrary = true;
        return true;
    }

    std::optional<QByteArray> libraryMessage(const QString& name, const QString& where) {
        if (m_hasLibrary) {
            for (const NamedMessage& entry : m_library) {
                if (entry.name == name) {
                    QString why;
                    auto bytes = entry.message.bytes(&why);
                    if (!bytes)
                        fail(where, QStringLiteral("message '%1': %2").arg(name, why));
                    return bytes;
                }
            }
        } else if (m_options.library) {
            if (auto bytes = m_options.library(name))
                return bytes;
        } else {
            fail(where, QStringLiteral("no \"library\" file to take '%1' from").arg(name));
            return std::nullopt;
        }
        fail(where, QStringLiteral("the library has no message named '%1'").arg(name));
        return std::nullopt;
    }

    std::optional<ScenarioStep> step(const QJsonValue& value, const QString& where) {
        static const QList<QPair<QString, ScenarioStep::Kind>> actions = {
            {QStringLiteral("connect"), ScenarioStep::Kind::Connect},
            {QStringLiteral("send"), ScenarioStep::Kind::Send},
            {QStringLiteral("expect"), ScenarioStep::Kind::Expect},
            {QStringLiteral("wait"), ScenarioStep::Kind::Wait},
            {QStringLiteral("half_close"), ScenarioStep::Kind::HalfClose},
            {QStringLiteral("close"), ScenarioStep::Kind::Close}};
        const QJsonObject object = value.toObject();
        QStringList present, names;
        ScenarioStep s;
        for (const auto& [key, kind] : actions) {
            names.append(key);
            if (object.contains(key)) {
                present.append(key);
                s.kind = kind;
            }
        }
        if (!value.isObject() || present.size() != 1) {
            fail(where, QStringLiteral("a step is an object with exactly one of %1%2")
                            .arg(names.join(u", "),
                                 present.size() > 1
                                     ? QStringLiteral(" (this one has %1)").arg(present.join(u", "))
                                     : QString()));
            return std::nullopt;
        }
        const QString action = present.constFirst();
        const QString at = where + u'.' + action;
        QStringList allowed{action, QStringLiteral("name")};
        if (s.kind != ScenarioStep::Kind::Wait)
            allowed.append(QStringLiteral("timeout_ms"));
        if (s.kind == ScenarioStep::Kind::Connect)
            allowed.append(QStringLiteral("tls"));
        if (!onlyKeys(object, where, allowed))
            return std::nullopt;
        const QJsonValue name = object.value(u"name");
        if (!name.isUndefined() && !name.isString()) {
            fail(where + QStringLiteral(".name"), QStringLiteral("must be a string"));
            return std::nullopt;
        }
        s.name = name.toString();
        s.timeoutMs = s.kind == ScenarioStep::Kind::Connect ? Scenario::kConnectTimeoutMs
                                                            : m_defaultTimeoutMs;
        if (object.contains(u"timeout_ms") &&
            !milliseconds(object.value(u"timeout_ms"), where + QStringLiteral(".timeout_ms"), 1,
                          &s.timeoutMs))
            return std::nullopt;
        const QJsonValue operand = object.value(action);
        bool ok = false;
        switch (s.kind) {
        case ScenarioStep::Kind::Connect:
            ok = connect(operand, object.value(u"tls"), where, &s);
            break;
        case ScenarioStep::Kind::Send:
            ok = send(operand, at, &s);
            break;
        case ScenarioStep::Kind::Expect:
            ok = expect(operand, at, &s);
            break;
        case ScenarioStep::Kind::Wait:
            ok = milliseconds(operand, at, 0, &s.waitMs);
            break;
        case ScenarioStep::Kind::HalfClose:
            ok = operand == QJsonValue(true) || fail(at, QStringLiteral("must be true"));
            break;
        case ScenarioStep::Kind::Close:
            s.reset = operand == QJsonValue(QStringLiteral("reset"));
            ok = operand == QJsonValue(true) || s.reset ||
                 fail(at, QStringLiteral("must be true, or \"reset\" for an RST"));
            break;
        }
        if (!ok)
            return std::nullopt;
        return s;
    }

    bool connect(const QJsonValue& operand, const QJsonValue& tls, const QString& where,
                 ScenarioStep* s) {
        const QString at = where + QStringLiteral(".connect");
        if (!operand.isString())
            return fail(at, QStringLiteral("must be \"HOST:PORT\""));
        QString why;
        const std::optional<HostPort> target = parseHostPort(operand.toString(), &why);
        if (!target || target->port == 0)
            return fail(at, target ? QStringLiteral("port 0 cannot be connected to") : why);
        s->connect.host = target->host;
        s->connect.port = target->port;
        s->connect.connectTimeoutMs = s->timeoutMs;
        if (tls.isUndefined() || tls == QJsonValue(false))
            return true;
        s->connect.tls.enabled = true;
        if (tls == QJsonValue(true))
            return true;
        const QString tlsAt = where + QStringLiteral(".tls");
        const QJsonObject object = tls.toObject();
        if (!tls.isObject() ||
            !onlyKeys(object, tlsAt,
                      {QStringLiteral("sni"), QStringLiteral("alpn"), QStringLiteral("verify"),
                       QStringLiteral("ca"), QStringLiteral("cert"), QStringLiteral("key")}))
            return fail(tlsAt, QStringLiteral("must be true, false or an object"));
        for (const QString& key : {QStringLiteral("sni"), QStringLiteral("ca"),
                                   QStringLiteral("cert"), QStringLiteral("key")}) {
            if (object.contains(key) && !object.value(key).isString())
                return fail(tlsAt + u'.' + key, QStringLiteral("must be a string"));
        }
        const auto file = [&](const char* key) {
            const QString path = object.value(QLatin1String(key)).toString();
            return path.isEmpty() ? QString() : resolved(path);
        };
        for (const char* key : {"ca", "cert", "key"}) {
            const QString path = file(key);
            if (!path.isEmpty() && !QFileInfo(path).isFile())
                return fail(tlsAt + u'.' + QLatin1String(key),
                            QStringLiteral("'%1' is not a readable file").arg(path));
        }
        s->connect.tls.sni = object.value(u"sni").toString();
        s->connect.tls.caFile = file("ca");
        s->connect.tls.certFile = file("cert");
        s->connect.tls.keyFile = file("key");
        if (s->connect.tls.certFile.isEmpty() != s->connect.tls.keyFile.isEmpty())
            return fail(tlsAt, QStringLiteral("give both cert and key, or neither"));
        const QJsonValue verify = object.value(u"verify");
        if (!verify.isUndefined() && !verify.isBool())
            return fail(tlsAt + QStringLiteral(".verify"), QStringLiteral("must be true or false"));
        s->connect.tls.verify = verify.toBool(true);
        const QJsonValue alpn = object.value(u"alpn");
        if (!alpn.isUndefined()) {
            for (const QJsonValue& protocol : alpn.toArray()) {
                if (!protocol.isString() || protocol.toString().isEmpty() ||
                    protocol.toString().toUtf8().size() > 255)
                    return fail(tlsAt + QStringLiteral(".alpn"),
                                QStringLiteral("must be a list of protocol names"));
                s->connect.tls.alpn.append(protocol.toString());
            }
            if (!alpn.isArray())
                return fail(tlsAt + QStringLiteral(".alpn"),
                            QStringLiteral("must be a list of protocol names"));
        }
        return true;
    }

    // {"text": ...} | {"hex": ...} | {"file": ...} | {"library": ...} | "text"
    bool send(const QJsonValue& operand, const QString& at, ScenarioStep* s) {
        const auto [key, value] = single(operand, at,
                                         {QStringLiteral("text"), QStringLiteral("hex"),
                                          QStringLiteral("file"), QStringLiteral("library")});
        if (key.isEmpty())
            return false;
        const QString where = at + u'.' + key;
        if (!value.isString() || value.toString().isEmpty())
            return fail(where, QStringLiteral("must be a non-empty string"));
        const QString text = value.toString();
        if (key == u"text") {
            s->bytes = text.toUtf8();
        } else if (key == u"hex") {
            QString why;
            const auto bytes = parseHexInput(text, &why);
            if (!bytes || bytes->isEmpty())
                return fail(where, bytes ? QStringLiteral("no bytes") : why);
            s->bytes = *bytes;
        } else if (key == u"file") {
            QString why;
            const auto bytes = readSmallFile(resolved(text), Scenario::kMaxSendFileBytes, &why);
            if (!bytes || bytes->isEmpty())
                return fail(where, bytes ? QStringLiteral("'%1' is empty").arg(text) : why);
            s->bytes = *bytes;
        } else {
            const auto bytes = libraryMessage(text, where);
            if (!bytes)
                return false;
            s->bytes = *bytes;
        }
        m_sendBytes += s->bytes.size();
        if (m_sendBytes > Scenario::kMaxSendBytes)
            return fail(at, QStringLiteral("the steps send more than %1 MiB in all")
                                .arg(Scenario::kMaxSendBytes >> 20));
        return true;
    }

    // {"text"|"hex"|"regex": ..., "ignore_case": bool} | {"eof": true} | "text"
    bool expect(const QJsonValue& operand, const QString& at, ScenarioStep* s) {
        const auto [key, value] = single(operand, at,
                                         {QStringLiteral("text"), QStringLiteral("hex"),
                                          QStringLiteral("regex"), QStringLiteral("eof")},
                                         QStringLiteral("ignore_case"));
        if (key.isEmpty())
            return false;
        const QString where = at + u'.' + key;
        const QJsonValue ignoreCase = operand.toObject().value(u"ignore_case");
        if (!ignoreCase.isUndefined() && (!ignoreCase.isBool() || key == u"hex" || key == u"eof"))
            return fail(at + QStringLiteral(".ignore_case"),
                        QStringLiteral("true or false, beside text or regex"));
        if (key == u"eof") {
            s->expectation = ScenarioStep::Expectation::Eof;
            return value == QJsonValue(true) || fail(where, QStringLiteral("must be true"));
        }
        if (!value.isString() || value.toString().isEmpty())
            return fail(where, QStringLiteral("must be a non-empty string"));
        const QString text = value.toString();
        if (key == u"hex") {
            QString why;
            const auto bytes = parseHexInput(text, &why);
            if (!bytes || bytes->isEmpty())
                return fail(where, bytes ? QStringLiteral("no bytes") : why);
            s->bytes = *bytes;
            return true;
        }
        // Text compared without case is a regular expression of the literal.
        const bool regex = key == u"regex" || ignoreCase.toBool(false);
        if (!regex) {
            s->bytes = text.toUtf8();
            return true;
        }
        s->expectation = ScenarioStep::Expectation::Regex;
        s->bytes = text.toUtf8(); // what the summary shows
        QRegularExpression::PatternOptions patternOptions;
        if (ignoreCase.toBool(false))
            patternOptions |= QRegularExpression::CaseInsensitiveOption;
        s->regex = QRegularExpression(key == u"regex" ? text : QRegularExpression::escape(text),
                                      patternOptions);
        if (!s->regex.isValid())
            return fail(where, QStringLiteral("bad regular expression at offset %1: %2")
                                   .arg(s->regex.patternErrorOffset())
                                   .arg(s->regex.errorString()));
        s->regex.optimize();
        return true;
    }

    // The one key of an operand among allowed (a bare string is "text"), or
    // an empty key after fail().
    QPair<QString, QJsonValue> single(const QJsonValue& operand, const QString& at,
                                      const QStringList& allowed, const QString& extra = {}) {
        if (operand.isString())
            return {QStringLiteral("text"), operand};
        const QJsonObject object = operand.toObject();
        QStringList present;
        for (const QString& key : allowed) {
            if (object.contains(key))
                present.append(key);
        }
        QStringList keys = allowed;
        if (!extra.isEmpty())
            keys.append(extra);
        if (!operand.isObject() || present.size() != 1 || !onlyKeys(object, at, keys)) {
            fail(at, QStringLiteral("a string, or an object with exactly one of %1")
                         .arg(allowed.join(u", ")));
            return {};
        }
        return {present.constFirst(), object.value(present.constFirst())};
    }

    QDir m_folder;
    const ScenarioLoadOptions& m_options;
    int m_defaultTimeoutMs = Scenario::kDefaultTimeoutMs;
    QList<NamedMessage> m_library;
    bool m_hasLibrary = false;
    qint64 m_sendBytes = 0;
};
} // namespace

QString ScenarioStep::summary() const {
    const auto excerpt = [this] {
        return QStringLiteral("\"%1\"").arg(escapedPreview(bytes, int(kSummaryBytes)));
    };
    switch (kind) {
    case Kind::Connect:
        return QStringLiteral("connect %1%2")
            .arg(formatHostPort({connect.host, connect.port}),
                 connect.tls.enabled ? QStringLiteral(" (TLS)") : QString());
    case Kind::Send:
        // One arg() call: a message may hold "%1" itself.
        return QStringLiteral("send %1 (%2 bytes)").arg(excerpt(), QString::number(bytes.size()));
    case Kind::Expect:
        switch (expectation) {
        case Expectation::Bytes:
            return QStringLiteral("expect %1").arg(excerpt());
        case Expectation::Regex:
            return QStringLiteral("expect /%1/").arg(regex.pattern().left(kSummaryBytes));
        case Expectation::Eof:
            return QStringLiteral("expect the server's end (FIN)");
        }
        break;
    case Kind::Wait:
        return QStringLiteral("wait %1 ms").arg(waitMs);
    case Kind::HalfClose:
        return QStringLiteral("half-close (FIN)");
    case Kind::Close:
        return reset ? QStringLiteral("reset (RST)") : QStringLiteral("close");
    }
    return {};
}

std::optional<Scenario> loadScenario(const QString& path, const ScenarioLoadOptions& options,
                                     QString* error) {
    QString why;
    const std::optional<QByteArray> json = readSmallFile(path, Scenario::kMaxFileBytes, &why);
    if (!json) {
        *error = QStringLiteral("scenario: %1").arg(why);
        return std::nullopt;
    }
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(*json, &parseError);
    std::optional<Scenario> scenario;
    if (document.isNull()) {
        why = QStringLiteral("not JSON: %1 at byte %2")
                  .arg(parseError.errorString())
                  .arg(parseError.offset);
    } else if (!document.isObject()) {
        why = QStringLiteral("not a JSON object");
    } else {
        Parser parser(QFileInfo(path).absoluteDir(), options);
        scenario = parser.scenario(document.object());
        why = parser.error;
        if (scenario && scenario->name.isEmpty())
            scenario->name = QFileInfo(path).completeBaseName();
    }
    if (!scenario)
        *error = QStringLiteral("scenario '%1': %2").arg(path, why);
    return scenario;
}

} // namespace sockscope
