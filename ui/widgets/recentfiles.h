#pragma once

#include <QStringList>

namespace sockscope {

// The session files of File → Open Recent, newest first: those opened, and
// those written as JSON Lines (exported or recorded), since SockScope can
// open only those. Kept in QSettings, so that every window and the next
// start share them.
constexpr int kMaxRecentSessions = 10;
QStringList recentSessions();
void addRecentSession(const QString& path);
void forgetRecentSession(const QString& path);
void clearRecentSessions();

} // namespace sockscope
