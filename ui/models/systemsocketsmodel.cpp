#include "models/systemsocketsmodel.h"

#include "models/palettecolors.h"

#include <QCoreApplication>
#include <QFont>
#include <QGuiApplication>

namespace sockscope {

SystemSocketsModel::SystemSocketsModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_ownPid(QCoreApplication::applicationPid()) {
}

int SystemSocketsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_rows.size());
}

int SystemSocketsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

const SystemSocket& SystemSocketsModel::socketAt(int row) const {
    Q_ASSERT(row >= 0 && std::size_t(row) < m_rows.size());
    return m_rows[std::size_t(row)].socket;
}

QString SystemSocketsModel::keyOf(const SystemSocket& s) {
    // The family keeps an IPv4 socket apart from a dual-stack IPv6 one whose
    // IPv4-mapped addresses print the same.
    QString key = QString::number(int(s.family)) + u' ' + s.local + u' ' + s.remote;
    if (s.state == TcpState::Listen)
        key += u'#' + QString::number(s.inode);
    return key;
}

bool SystemSocketsModel::hasEphemeralPort(const SystemSocket& s) const {
    return s.state != TcpState::Listen && m_ephemeralPorts &&
           m_ephemeralPorts->contains(s.localPort);
}

QVariant SystemSocketsModel::displayData(const Row& row, int column) const {
    const SystemSocket& s = row.socket;
    switch (column) {
    case StateColumn:
        return tcpStateName(s.state);
    case LocalColumn:
        return s.local;
    case RemoteColumn:
        return s.remote;
    case RecvQColumn:
        return s.rxQueue;
    case SendQColumn:
        return s.txQueue;
    case ProcessColumn:
        return s.process;
    case PidColumn:
        return s.pid != 0 ? QVariant(s.pid) : QVariant();
    case UidColumn:
        return s.uid;
    case InodeColumn:
        return s.inode != 0 ? QVariant(s.inode) : QVariant();
    }
    return {};
}

bool SystemSocketsModel::isOwn(const SystemSocket& s) const {
    return s.pid != 0 && s.pid == m_ownPid;
}

// SockScope's own sockets in bold on a tint, sockets new in the latest
// snapshot highlighted, and sockets gone from it (shown one snapshot more)
// greyed and in italics. Colours come from the palette when painted.
QVariant SystemSocketsModel::styleData(const Row& row, int role) const {
    const bool own = isOwn(row.socket);
    switch (role) {
    case Qt::ForegroundRole:
        if (row.closed)
            return QGuiApplication::palette().color(QPalette::Disabled, QPalette::Text);
        return {};
    case Qt::BackgroundRole:
        if (row.closed)
            return {};
        if (row.isNew)
            return freshRowBackground(QGuiApplication::palette(), 1.0);
        if (own)
            return infoBackground(QGuiApplication::palette());
        return {};
    case Qt::FontRole:
        // Only the style is set: the view's own font fills in the rest.
        if (row.closed) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (own) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    }
    return {};
}

QVariant SystemSocketsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row& row = m_rows[std::size_t(index.row())];
    const SystemSocket& s = row.socket;
    switch (role) {
    case Qt::DisplayRole:
        return displayData(row, index.column());
    case Qt::ForegroundRole:
    case Qt::BackgroundRole:
    case Qt::FontRole:
        return styleData(row, role);
    case Qt::TextAlignmentRole:
        if (index.column() >= RecvQColumn && index.column() != ProcessColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole: {
        const QVariant shown = displayData(row, index.column());
        return shown.isValid() ? shown : QVariant(0);
    }
    case StateRole:
        return int(s.state);
    case IsNewRole:
        return row.isNew;
    case IsClosedRole:
        return row.closed;
    case IsOwnRole:
        return isOwn(s);
    case EphemeralPortRole:
        return hasEphemeralPort(s);
    case PidRole:
        return s.pid;
    case InodeRole:
        return s.inode;
    case LocalPortRole:
        return s.localPort;
    case RemotePortRole:
        return s.remotePort;
    }
    return {};
}

QVariant SystemSocketsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StateColumn:
        return tr("State");
    case LocalColumn:
        return tr("Local");
    case RemoteColumn:
        return tr("Remote");
    case RecvQColumn:
        return tr("Recv-Q");
    case SendQColumn:
        return tr("Send-Q");
    case ProcessColumn:
        return tr("Process");
    case PidColumn:
        return tr("PID");
    case UidColumn:
        return tr("UID");
    case InodeColumn:
        return tr("Inode");
    }
    return {};
}

void SystemSocketsModel::applySnapshot(const SystemSnapshot& snapshot) {
    // The kernel may list a socket twice when it changes during the read.
    QHash<QString, qsizetype> incoming;
    incoming.reserve(snapshot.sockets.size());
    for (qsizetype i = 0; i < snapshot.sockets.size(); ++i) {
        const QString key = keyOf(snapshot.sockets[i]);
        if (!incoming.contains(key))
            incoming.insert(key, i);
    }

    removeGoneRows(incoming);

    const bool portsChanged = snapshot.ephemeralPorts != m_ephemeralPorts;
    m_ephemeralPorts = snapshot.ephemeralPorts;
    m_lastError = snapshot.error;

    std::vector<bool> changed(m_rows.size(), portsChanged);
    for (std::size_t i = 0; i < m_rows.size(); ++i) {
        Row& row = m_rows[i];
        const auto found = incoming.constFind(row.key);
        if (found == incoming.cend()) {
            if (!row.closed) {
                row.closed = true;
                row.isNew = false;
                changed[i] = true;
            }
            continue;
        }
        const SystemSocket& socket = snapshot.sockets[*found];
        const bool revived = row.closed; // gone for one snapshot, back in this one
        if (revived || row.isNew || row.socket != socket) {
            row.socket = socket;
            row.isNew = revived;
            row.closed = false;
            changed[i] = true;
        }
        incoming.erase(found);
    }
    emitChangedRuns(changed);

    // What is left is new: appended in the kernel's order, in one insert.
    std::vector<qsizetype> fresh;
    fresh.reserve(std::size_t(incoming.size()));
    for (qsizetype i = 0; i < snapshot.sockets.size(); ++i) {
        const auto found = incoming.constFind(keyOf(snapshot.sockets[i]));
        if (found != incoming.cend() && *found == i)
            fresh.push_back(i);
    }
    if (!fresh.empty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(fresh.size()) - 1);
        for (qsizetype i : fresh) {
            Row row;
            row.socket = snapshot.sockets[i];
            row.key = keyOf(row.socket);
            // Everything in the first snapshot was there before we looked.
            row.isNew = m_seenSnapshot;
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }
    m_seenSnapshot = true;
}

void SystemSocketsModel::removeGoneRows(const QHash<QString, qsizetype>& incoming) {
    const auto gone = [&](const Row& row) {
        return row.closed && !incoming.contains(row.key);
    };
    // Back to front, so the rows of runs still to remove do not move.
    int end = int(m_rows.size());
    while (end > 0) {
        int last = end - 1;
        while (last >= 0 && !gone(m_rows[std::size_t(last)]))
            --last;
        if (last < 0)
            break;
        int first = last;
        while (first > 0 && gone(m_rows[std::size_t(first - 1)]))
            --first;
        beginRemoveRows({}, first, last);
        m_rows.erase(m_rows.begin() + first, m_rows.begin() + last + 1);
        endRemoveRows();
        end = first;
    }
}

void SystemSocketsModel::emitChangedRuns(const std::vector<bool>& changed) {
    std::size_t i = 0;
    while (i < changed.size()) {
        if (!changed[i]) {
            ++i;
            continue;
        }
        std::size_t last = i;
        while (last + 1 < changed.size() && changed[last + 1])
            ++last;
        Q_EMIT dataChanged(index(int(i), 0), index(int(last), ColumnCount - 1));
        i = last + 1;
    }
}

} // namespace sockscope
