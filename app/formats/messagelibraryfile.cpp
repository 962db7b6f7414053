#include "formats/messagelibraryfile.h"

#include "base/fileerror.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace sockscope {

namespace {
// The window's translations know these texts under MessageLibrary.
struct Names {
    Q_DECLARE_TR_FUNCTIONS(MessageLibrary)
};

const QString kVersionKey = QStringLiteral("sockscopeMessages");
const QString kMessagesKey = QStringLiteral("messages");
const QString kNameKey = QStringLiteral("name");
// A library is a handful of messages typed by hand; a bigger file is not one.
constexpr qint64 kMaxFileBytes = 16 << 20;
} // namespace

QByteArray messageLibraryJson(const QList<NamedMessage>& messages) {
    QJsonArray list;
    for (const NamedMessage& entry : messages) {
        QJsonObject object = entry.message.toJson();
        object.insert(kNameKey, entry.name);
        list.append(object);
    }
    return QJsonDocument(QJsonObject{{kVersionKey, 1}, {kMessagesKey, list}}).toJson();
}

std::optional<QList<NamedMessage>> parseMessageLibrary(const QByteArray& json, QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = Names::tr("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(kVersionKey).toInt() != 1 || !root.value(kMessagesKey).isArray()) {
        *error = Names::tr("no \"%1\": 1 with a \"%2\" list").arg(kVersionKey, kMessagesKey);
        return std::nullopt;
    }
    QList<NamedMessage> entries;
    const QJsonArray messages = root.value(kMessagesKey).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject object = messages.at(i).toObject();
        const QString name = object.value(kNameKey).toString().trimmed();
        QString reason;
        const auto message = SendMessage::fromJson(object, &reason);
        if (name.isEmpty() || !message) {
            *error = Names::tr("message %1: %2")
                         .arg(i + 1)
                         .arg(name.isEmpty() ? Names::tr("no \"name\"") : reason);
            return std::nullopt;
        }
        entries.append({name, *message});
    }
    return entries;
}

std::optional<QList<NamedMessage>> readMessageLibrary(const QString& path, QString* error) {
    // A device or a pipe named as a library is refused before it is read.
    if (QFileInfo(path).exists() && !QFileInfo(path).isFile()) {
        *error = Names::tr("'%1' is not a message library: not a regular file").arg(path);
        return std::nullopt;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = Names::tr("Cannot read '%1': %2").arg(path, fileErrorText(file));
        return std::nullopt;
    }
    const QByteArray json = file.read(kMaxFileBytes + 1);
    if (json.size() > kMaxFileBytes) {
        *error = Names::tr("'%1' is not a message library: larger than %2 MiB")
                     .arg(path, QString::number(kMaxFileBytes >> 20));
        return std::nullopt;
    }
    QString reason;
    auto entries = parseMessageLibrary(json, &reason);
    if (!entries)
        *error = Names::tr("'%1' is not a message library: %2").arg(path, reason);
    return entries;
}

} // namespace sockscope
