#pragma once

// For the tests of deciders (responders, relay pairs): actions as text.
#include "engine/connectionaction.h"

#include <QStringList>

namespace sockscope {

// Actions as text, so a failed comparison shows both lists.
inline QStringList describe(const ConnectionActions& actions) {
    QStringList out;
    for (const ConnectionAction& a : actions) {
        const QString conn = QString::number(a.conn);
        switch (a.kind) {
        case ConnectionAction::Kind::Send:
            out << QStringLiteral("send %1 %2").arg(conn, QString::fromLatin1(a.bytes.toHex()));
            break;
        case ConnectionAction::Kind::SendFile:
            out << QStringLiteral("send-file %1 %2").arg(conn, a.file ? a.file->path() : QString());
            break;
        case ConnectionAction::Kind::HalfClose:
            out << QStringLiteral("half-close %1").arg(conn);
            break;
        case ConnectionAction::Kind::Close:
            out << QStringLiteral("close %1").arg(conn);
            break;
        case ConnectionAction::Kind::Reset:
            out << QStringLiteral("reset %1").arg(conn);
            break;
        case ConnectionAction::Kind::PauseReading:
            out << QStringLiteral("pause %1").arg(conn);
            break;
        case ConnectionAction::Kind::ResumeReading:
            out << QStringLiteral("resume %1").arg(conn);
            break;
        case ConnectionAction::Kind::HoldReading:
            out << QStringLiteral("hold %1").arg(conn);
            break;
        case ConnectionAction::Kind::ReleaseReading:
            out << QStringLiteral("release %1").arg(conn);
            break;
        case ConnectionAction::Kind::Wait:
            out << QStringLiteral("wait %1 %2ms").arg(conn).arg(a.delayMs);
            break;
        }
    }
    return out;
}

} // namespace sockscope
