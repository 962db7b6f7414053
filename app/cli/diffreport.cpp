#include "cli/diffreport.h"

#include "base/payloadtext.h"

#include <QJsonDocument>
#include <QSaveFile>

namespace sockscope {

void addDifference(QJsonObject& object, qint64 offset, const QByteArray& expected,
                   const QByteArray& got) {
    object.insert(QStringLiteral("offset"), offset);
    object.insert(QStringLiteral("expected_hex"), QString::fromLatin1(expected.toHex(' ')));
    object.insert(QStringLiteral("got_hex"), QString::fromLatin1(got.toHex(' ')));
    object.insert(QStringLiteral("expected_text"), escapedText(expected));
    object.insert(QStringLiteral("got_text"), escapedText(got));
}

bool writeDiffReport(const QString& path, const QJsonObject& report, QString* error) {
    QSaveFile file(path);
    const QByteArray json = QJsonDocument(report).toJson();
    if (!file.open(QIODevice::WriteOnly) || file.write(json) != json.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace sockscope
