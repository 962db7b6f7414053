#include "system/socketownerfinder.h"

#include <QFile>

#include <dirent.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string_view>

namespace sockscope {

namespace {
struct DirCloser {
    void operator()(DIR* dir) const { ::closedir(dir); }
};
using Dir = std::unique_ptr<DIR, DirCloser>;

QString processName(qint64 pid) {
    QFile file(QStringLiteral("/proc/%1/comm").arg(pid));
    // comm is at most 16 bytes; the cap keeps a strange file harmless.
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.read(64).trimmed()) : QString();
}

// "socket:[12345]" -> 12345; 0 for links to anything else.
quint64 socketInode(const char* link, std::size_t length) {
    constexpr std::string_view prefix = "socket:[";
    const std::string_view text(link, length);
    if (!text.starts_with(prefix) || !text.ends_with(']'))
        return 0;
    quint64 inode = 0;
    const char* begin = text.data() + prefix.size();
    const char* end = text.data() + text.size() - 1;
    const auto [ptr, ec] = std::from_chars(begin, end, inode);
    return ec == std::errc() && ptr == end ? inode : 0;
}
} // namespace

SocketOwnerFinder::SocketOwnerFinder(OwnerScan scope)
    : m_scope(scope) {
}

void SocketOwnerFinder::setScope(OwnerScan scope) {
    if (scope == m_scope)
        return;
    m_scope = scope;
    m_owners.clear(); // "not found" meant "not found in the old scope"
}

void SocketOwnerFinder::resolve(QList<SystemSocket>& sockets) {
    if (m_scope == OwnerScan::None)
        return;
    QHash<quint64, Owner> current;
    QSet<quint64> wanted;
    for (const SystemSocket& socket : std::as_const(sockets)) {
        if (socket.inode == 0)
            continue;
        const auto known = m_owners.constFind(socket.inode);
        if (known != m_owners.cend())
            current.insert(socket.inode, *known);
        else
            wanted.insert(socket.inode);
    }
    m_owners = std::move(current);
    const QSet<quint64> lookedFor = wanted;
    // Our own descriptors first: they are the ones most worth marking.
    const qint64 self = ::getpid();
    scanProcess(self, wanted);
    if (m_scope == OwnerScan::AllProcesses && !wanted.isEmpty()) {
        const Dir proc(::opendir("/proc"));
        while (proc && !wanted.isEmpty()) {
            const dirent* entry = ::readdir(proc.get());
            if (!entry)
                break;
            qint64 pid = 0;
            const char* name = entry->d_name;
            const char* end = name + std::strlen(name);
            const auto [ptr, ec] = std::from_chars(name, end, pid);
            if (ec == std::errc() && ptr == end && pid != self)
                scanProcess(pid, wanted);
        }
    }
    for (quint64 inode : lookedFor) {
        if (wanted.contains(inode))
            m_owners.insert(inode, Owner{});
    }
    for (SystemSocket& socket : sockets) {
        const Owner owner = m_owners.value(socket.inode);
        socket.pid = owner.pid;
        socket.process = owner.process;
    }
}

void SocketOwnerFinder::scanProcess(qint64 pid, QSet<quint64>& wanted) {
    char path[48];
    std::snprintf(path, sizeof(path), "/proc/%lld/fd", static_cast<long long>(pid));
    // Other users' descriptors are not readable without root: skipped quietly.
    const Dir fds(::opendir(path));
    if (!fds)
        return;
    QString process;
    while (!wanted.isEmpty()) {
        const dirent* entry = ::readdir(fds.get());
        if (!entry)
            break;
        char link[64];
        const ssize_t length = ::readlinkat(::dirfd(fds.get()), entry->d_name, link, sizeof(link));
        if (length <= 0 || length == sizeof(link))
            continue;
        const quint64 inode = socketInode(link, std::size_t(length));
        if (inode == 0 || !wanted.remove(inode))
            continue;
        if (process.isEmpty())
            process = processName(pid);
        m_owners.insert(inode, Owner{pid, process});
    }
}

} // namespace sockscope
