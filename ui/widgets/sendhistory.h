#pragma once

#include "formats/sendmessage.h"

#include <QList>
#include <QString>

#include <optional>

namespace sockscope {

// The messages sent from the send box, oldest first, walked like a shell's
// history: older() from the newest back, newer() forward again and, past
// the newest, back to what was being typed. Kept in QSettings, bounded, and
// a message sent twice in a row is kept once.
class SendHistory final {
public:
    static constexpr int kMaxEntries = 100;
    // Longer messages are recalled in this session but never written to the
    // settings file, which every QSettings() parses whole on the GUI thread.
    static constexpr qsizetype kMaxSavedChars = 16 * 1024;

    explicit SendHistory(QString settingsKey = QStringLiteral("sendBox/history"));

    void add(const SendMessage& message);
    // The message before the one shown; draft is what the input holds now,
    // kept when the walk starts. nullopt at the oldest.
    std::optional<SendMessage> older(const SendMessage& draft);
    // The message after the one shown, or the draft past the newest;
    // nullopt when not walking.
    std::optional<SendMessage> newer();
    // Typing or sending ends a walk: the next older() starts at the newest.
    void resetWalk();

private:
    void save() const;

    QString m_key;
    QList<SendMessage> m_entries;
    qsizetype m_walk = 0; // index of the entry shown; size(): not walking
    SendMessage m_draft;
};

} // namespace sockscope
