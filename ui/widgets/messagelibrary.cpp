#include "messagelibrary.h"

#include "base/fileerror.h"
#include "base/payloadtext.h"

#include <QSaveFile>
#include <QSettings>

namespace sockscope {

MessageLibrary::MessageLibrary(QString settingsKey, QObject* parent)
    : QAbstractListModel(parent)
    , m_key(std::move(settingsKey)) {
    const QByteArray saved = QSettings().value(m_key).toByteArray();
    QString ignored;
    if (auto entries = parseMessageLibrary(saved, &ignored))
        m_entries = std::move(*entries);
}

int MessageLibrary::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_entries.size());
}

QVariant MessageLibrary::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NamedMessage& entry = m_entries.at(index.row());
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
    const auto entries = readMessageLibrary(path, error);
    if (!entries)
        return -1;
    for (const NamedMessage& entry : *entries) {
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
    if (file.write(messageLibraryJson(m_entries)) < 0 || !file.commit()) {
        *error = tr("Cannot write '%1': %2").arg(path, fileWriteErrorText(file));
        return false;
    }
    return true;
}

void MessageLibrary::save() const {
    QSettings().setValue(m_key, messageLibraryJson(m_entries));
}

} // namespace sockscope
