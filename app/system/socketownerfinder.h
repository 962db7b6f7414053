#pragma once

#include "system/systemsocket.h"

#include <QHash>
#include <QList>
#include <QSet>

namespace sockscope {

// Whose sockets to look for.
enum class OwnerScan {
    None,         // no owners: the cheapest
    OwnProcess,   // only this process's descriptors: cheap, marks SockScope's own sockets
    AllProcesses, // every process this user may inspect (root: all of them)
};

// Finds the process holding each socket through the /proc/PID/fd links
// ("socket:[12345]"). That costs one readlink per open descriptor of the
// machine, too slow to repeat on every poll, so owners are remembered by
// inode: each new socket is looked for once, found or not, and a scan stops
// as soon as every new socket is found. Not thread-safe; use from one thread
// at a time.
class SocketOwnerFinder final {
public:
    explicit SocketOwnerFinder(OwnerScan scope = OwnerScan::OwnProcess);

    OwnerScan scope() const { return m_scope; }
    void setScope(OwnerScan scope);

    // Fills pid and process where the owner is known, and forgets the
    // owners of sockets that are gone (inodes are reused).
    void resolve(QList<SystemSocket>& sockets);

private:
    struct Owner {
        qint64 pid = 0; // 0: looked for and not found
        QString process;
    };
    void scanProcess(qint64 pid, QSet<quint64>& wanted);

    OwnerScan m_scope;
    QHash<quint64, Owner> m_owners;
};

} // namespace sockscope
