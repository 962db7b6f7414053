#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace sockscope {

// For the readers of SockScope's own JSON files (rules, scenarios): keeps
// the first fault found, with its place in the document
// ("rules[2].when: unknown predicate 'equal'"), so that the person is told
// where to look.
class JsonFaults {
public:
    QString error; // the first fault, empty while there is none

    // Records what is wrong at where (empty: the document itself); false,
    // so that a reader can `return fail(...)`.
    bool fail(const QString& where, const QString& what) {
        if (error.isEmpty())
            error = where.isEmpty() ? what : QStringLiteral("%1: %2").arg(where, what);
        return false;
    }

    // A key outside allowed is a fault: a misspelt key must not be ignored.
    bool onlyKeys(const QJsonObject& object, const QString& where, const QStringList& allowed) {
        for (const QString& key : object.keys()) {
            if (!allowed.contains(key))
                return fail(
                    where,
                    QStringLiteral("unknown key '%1' (allowed: %2)").arg(key, allowed.join(u", ")));
        }
        return true;
    }
};

} // namespace sockscope
