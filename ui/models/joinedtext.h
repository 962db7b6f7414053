#pragma once

#include <QStringList>

namespace sockscope {

// "a · b · c" from the parts that are not empty: detail columns list only
// what applies to a row.
inline QString joinedNonEmpty(const QStringList& parts) {
    QStringList kept;
    for (const QString& part : parts) {
        if (!part.isEmpty())
            kept += part;
    }
    return kept.join(QStringLiteral(" · "));
}

} // namespace sockscope
