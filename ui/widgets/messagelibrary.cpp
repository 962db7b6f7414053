#include "messagelibrary.h"

#include "base/fileerror.h"
#include "base/payloadtext.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QSettings>

namespace sockscope {

namespace {
const QString kVersionKey = QStringLiteral("sockscopeMessages");
const QString kMessagesKey = QStringLiteral("messages");
const QString kNameKey = QStringLiteral("name");
} // namespace

MessageLibrary::MessageLibrary(QString settingsKey, QObject* parent)
    : QAbstractListModel(parent)
    , m_key(std::move(settingsKey)) {
    const QByteArray saved = QSettings().value(m_key).toByteArray();
    QString ignored;
    if (auto entries = parse(saved, &ignored))
        m_entries = std::move(*entries);
}

int MessageLibrary::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant MessageLibrary::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry& entry = m_entries.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
    case Qt::EditRole:
        return entry.name;
    case Qt::ToolTipRole: {
        const QString shortcut = index.row() < 9 ? tr(" (Alt+%1)").arg(index.row() + 1) : QString();
        const QString format =
            entry.message.format == SendMessage::Format::Hex ? tr("hex") : tr("text");
        return tr("%1%2, %3: %4")
            .arg(entry.name, shortcut, format,
                 escapedPreview(entry.message.text.toUtf8(), 80).toHtmlEscaped());
    }
    default:
        return {};
    }
}

int MessageLibrary::rowOf(const QString& name) const {
    for (int row = 0; row < m_entries.size(); ++row) {
        if (m_entries.at(row).name == name)
            return row;
    }
    return -1;
}

int MessageLibrary::save(const QString& name, const SendMessage& message) {
    int row = rowOf(name);
    if (row >= 0) {
        m_entries[row].message = message;
        Q_EMIT dataChanged(index(row), index(row));
    } else {
        row = int(m_entries.size());
        beginInsertRows({}, row, row);
        m_entries.append({name, message});
        endInsertRows();
    }
    save();
    return row;
}

bool MessageLibrary::rename(int row, const QString& name) {
    const QString trimmed = name.trimmed();
    const int holder = rowOf(trimmed);
    if (trimmed.isEmpty() || (holder >= 0 && holder != row))
        return false;
    m_entries[row].name = trimmed;
    Q_EMIT dataChanged(index(row), index(row));
    save();
    return true;
}

void MessageLibrary::remove(int row) {
    beginRemoveRows({}, row, row);
    m_entries.removeAt(row);
    endRemoveRows();
    save();
}

int MessageLibrary::importFile(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot read '%1': %2").arg(path, fileErrorText(file));
        return -1;
    }
    QString reason;
    const auto entries = parse(file.readAll(), &reason);
    if (!entries) {
        *error = tr("'%1' is not a message library: %2").arg(path, reason);
        return -1;
    }
    for (const Entry& entry : *entries) {
        // One notification per message; a library is a handful of them.
        const int row = rowOf(entry.name);
        if (row >= 0) {
            m_entries[row].message = entry.message;
            Q_EMIT dataChanged(index(row), index(row));
        } else {
            beginInsertRows({}, int(m_entries.size()), int(m_entries.size()));
            m_entries.append(entry);
            endInsertRows();
        }
    }
    save();
    return int(entries->size());
}

bool MessageLibrary::exportFile(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write '%1': %2").arg(path, fileErrorText(file));
        return false;
    }
    if (file.write(toJson()) < 0 || !file.commit()) {
        *error = tr("Cannot write '%1': %2").arg(path, fileWriteErrorText(file));
        return false;
    }
    return true;
}

QByteArray MessageLibrary::toJson() const {
    QJsonArray messages;
    for (const Entry& entry : m_entries) {
        QJsonObject object = entry.message.toJson();
        object.insert(kNameKey, entry.name);
        messages.append(object);
    }
    return QJsonDocument(QJsonObject{{kVersionKey, 1}, {kMessagesKey, messages}}).toJson();
}

std::optional<QList<MessageLibrary::Entry>> MessageLibrary::parse(const QByteArray& json,
                                                                  QString* error) {
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull()) {
        *error = tr("%1 at byte %2").arg(parseError.errorString()).arg(parseError.offset);
        return std::nullopt;
    }
    const QJsonObject root = document.object();
    if (root.value(kVersionKey).toInt() != 1 || !root.value(kMessagesKey).isArray()) {
        *error = tr("no \"%1\": 1 with a \"%2\" list").arg(kVersionKey, kMessagesKey);
        return std::nullopt;
    }
    QList<Entry> entries;
    const QJsonArray messages = root.value(kMessagesKey).toArray();
    for (qsizetype i = 0; i < messages.size(); ++i) {
        const QJsonObject object = messages.at(i).toObject();
        const QString name = object.value(kNameKey).toString().trimmed();
        QString reason;
        const auto message = SendMessage::fromJson(object, &reason);
        if (name.isEmpty() || !message) {
            *error =
                tr("message %1: %2").arg(i + 1).arg(name.isEmpty() ? tr("no \"name\"") : reason);
            return std::nullopt;
        }
        entries.append({name, *message});
    }
    return entries;
}

void MessageLibrary::save() const {
    QSettings().setValue(m_key, toJson());
}

} // namespace sockscope
