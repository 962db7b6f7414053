#include "cli/localcaexport.h"

#include "engine/localca.h"

#include <QSaveFile>

namespace sockscope {

bool exportLocalCa(const QString& path, QString* error) {
    const std::shared_ptr<const LocalCa> ca = LocalCa::open(LocalCa::defaultDir(), error);
    if (!ca)
        return false;
    const QByteArray pem = ca->certificatePem();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pem) != pem.size() || !file.commit()) {
        *error = QStringLiteral("cannot write '%1': %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

} // namespace sockscope
