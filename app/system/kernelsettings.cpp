#include "system/kernelsettings.h"

#include <QFile>
#include <QList>

namespace sockscope {

namespace {
QByteArray readSetting(const char* path) {
    QFile file(QString::fromLatin1(path));
    // Settings files are one short line; the cap keeps a strange file harmless.
    return file.open(QIODevice::ReadOnly) ? file.read(256) : QByteArray();
}
} // namespace

std::optional<PortRange> parsePortRange(QByteArrayView text) {
    const QList<QByteArray> parts = text.toByteArray().simplified().split(' ');
    if (parts.size() != 2)
        return std::nullopt;
    bool firstOk = false;
    bool lastOk = false;
    const uint first = parts[0].toUInt(&firstOk);
    const uint last = parts[1].toUInt(&lastOk);
    if (!firstOk || !lastOk || first == 0 || first > last || last > 65535)
        return std::nullopt;
    return PortRange{quint16(first), quint16(last)};
}

std::optional<PortRange> readEphemeralPortRange() {
    return parsePortRange(readSetting("/proc/sys/net/ipv4/ip_local_port_range"));
}

std::optional<int> readSomaxconn() {
    bool ok = false;
    const int value = readSetting("/proc/sys/net/core/somaxconn").trimmed().toInt(&ok);
    return ok && value >= 0 ? std::optional<int>(value) : std::nullopt;
}

} // namespace sockscope
