#include "formats/sendmessage.h"

#include "base/payloadtext.h"

#include <QCoreApplication>

namespace sockscope {

namespace {
struct Names {
    Q_DECLARE_TR_FUNCTIONS(SendMessage)
};

const char* const kEndingNames[] = {"none", "lf", "crlf"};
} // namespace

std::optional<QByteArray> SendMessage::bytes(QString* error) const {
    if (format == Format::Hex) {
        auto parsed = parseHexInput(text, error);
        if (parsed && parsed->isEmpty()) {
            *error = Names::tr("Nothing to send: type some hex bytes.");
            return std::nullopt;
        }
        return parsed;
    }
    static const QByteArray endings[] = {"", "\n", "\r\n"};
    const QByteArray& suffix = endings[int(ending)];
    QByteArray out = text.toUtf8();
    if (!suffix.isEmpty())
        out.replace('\n', suffix);
    out += suffix;
    if (out.isEmpty()) {
        *error = Names::tr("Nothing to send: type some text or choose a line ending.");
        return std::nullopt;
    }
    return out;
}

QJsonObject SendMessage::toJson() const {
    QJsonObject object{
        {QStringLiteral("format"),
         format == Format::Hex ? QStringLiteral("hex") : QStringLiteral("text")},
        {QStringLiteral("text"), text},
    };
    if (format == Format::Text)
        object.insert(QStringLiteral("lineEnding"), QLatin1String(kEndingNames[int(ending)]));
    return object;
}

std::optional<SendMessage> SendMessage::fromJson(const QJsonObject& object, QString* error) {
    SendMessage message;
    const QString format = object.value(QStringLiteral("format")).toString();
    if (format == u"hex") {
        message.format = Format::Hex;
    } else if (format != u"text") {
        *error = Names::tr("unknown format '%1' (text or hex)").arg(format);
        return std::nullopt;
    }
    const QJsonValue text = object.value(QStringLiteral("text"));
    if (!text.isString()) {
        *error = Names::tr("no \"text\"");
        return std::nullopt;
    }
    message.text = text.toString();
    if (message.format == Format::Text) {
        const QString ending =
            object.value(QStringLiteral("lineEnding")).toString(QStringLiteral("none"));
        int found = -1;
        for (int i = 0; i < 3; ++i) {
            if (ending == QLatin1String(kEndingNames[i]))
                found = i;
        }
        if (found < 0) {
            *error = Names::tr("unknown line ending '%1' (none, lf or crlf)").arg(ending);
            return std::nullopt;
        }
        message.ending = LineEnding(found);
    } else {
        QString hexError;
        if (!parseHexInput(message.text, &hexError)) {
            *error = hexError;
            return std::nullopt;
        }
    }
    return message;
}

} // namespace sockscope
