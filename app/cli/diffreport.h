#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace sockscope {

// --diff-report files, --replay's and --run's alike.

// The fields of a first difference: "offset", then the expected and the
// received bytes from there as hex ("expected_hex", "got_hex") and as
// escaped text ("expected_text", "got_text").
void addDifference(QJsonObject& object, qint64 offset, const QByteArray& expected,
                   const QByteArray& got);
// Writes the report atomically, every write checked; false with the reason.
bool writeDiffReport(const QString& path, const QJsonObject& report, QString* error);

} // namespace sockscope
