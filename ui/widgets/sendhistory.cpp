#include "sendhistory.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSettings>

namespace sockscope {

SendHistory::SendHistory(QString settingsKey)
    : m_key(std::move(settingsKey)) {
    const QJsonArray saved =
        QJsonDocument::fromJson(QSettings().value(m_key).toByteArray()).array();
    for (const QJsonValue& value : saved) {
        QString ignored;
        if (auto message = SendMessage::fromJson(value.toObject(), &ignored))
            m_entries.append(*message);
    }
    if (m_entries.size() > kMaxEntries)
        m_entries.remove(0, m_entries.size() - kMaxEntries);
    m_walk = m_entries.size();
}

void SendHistory::add(const SendMessage& message) {
    if (m_entries.isEmpty() || m_entries.constLast() != message) {
        m_entries.append(message);
        if (m_entries.size() > kMaxEntries)
            m_entries.removeFirst();
        save();
    }
    resetWalk();
}

std::optional<SendMessage> SendHistory::older(const SendMessage& draft) {
    if (m_walk == 0)
        return std::nullopt;
    if (m_walk == m_entries.size())
        m_draft = draft;
    return m_entries.at(--m_walk);
}

std::optional<SendMessage> SendHistory::newer() {
    if (m_walk >= m_entries.size())
        return std::nullopt;
    ++m_walk;
    return m_walk == m_entries.size() ? m_draft : m_entries.at(m_walk);
}

void SendHistory::resetWalk() {
    m_walk = m_entries.size();
}

void SendHistory::save() const {
    QJsonArray array;
    for (const SendMessage& message : m_entries) {
        if (message.text.size() <= kMaxSavedChars)
            array.append(message.toJson());
    }
    QSettings().setValue(m_key, QJsonDocument(array).toJson(QJsonDocument::Compact));
}

} // namespace sockscope
