#pragma once

#include "formats/messagelibraryfile.h"

#include <QAbstractListModel>

namespace sockscope {

// Named messages the person saved to send again with a click or Alt+1..9.
// Kept in QSettings; exchanged as files (formats/messagelibraryfile.h).
class MessageLibrary final : public QAbstractListModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MessageLibrary)
public:
    explicit MessageLibrary(QString settingsKey = QStringLiteral("sendBox/library"),
                            QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    QString name(int row) const { return m_entries.at(row).name; }
    SendMessage message(int row) const { return m_entries.at(row).message; }
    int rowOf(const QString& name) const; // -1 if none

    // A message under a name already saved replaces it. Returns its row.
    int save(const QString& name, const SendMessage& message);
    // False if the name is empty or another message has it.
    bool rename(int row, const QString& name);
    void remove(int row);

    // Adds (or replaces, by name) every message of the file. Returns how many,
    // or -1 with the reason, naming the file and the bad entry, in error.
    int importFile(const QString& path, QString* error);
    bool exportFile(const QString& path, QString* error) const;

private:
    void save() const;

    QString m_key;
    QList<NamedMessage> m_entries;
};

} // namespace sockscope
