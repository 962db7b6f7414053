#include "models/trafficmodel.h"

#include "base/payloadtext.h"
#include "models/palettecolors.h"
#include "models/timeformat.h"

#include <QFontDatabase>
#include <QGuiApplication>
#include <QLocale>

#include <algorithm>

namespace sockscope {

TrafficModel::TrafficModel(QObject* parent)
    : EventTableModel(parent) {
}

int TrafficModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant TrafficModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptureEvent& e = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatLocalTimeUs(e.timeUs);
        case ConnColumn:
            return QStringLiteral("#%1").arg(e.conn);
        case DirectionColumn:
            return directionText(e.dir);
        case SizeColumn:
            return e.size;
        case PreviewColumn:
            // Escaped when painted, not when inserted: only visible rows pay.
            return escapedPreview(e.data, kPreviewChars, e.size);
        }
        return {};
    case Qt::ToolTipRole:
        switch (index.column()) {
        case TimeColumn:
            return formatTimestampUs(e.timeUs);
        case DirectionColumn:
            return e.dir == Direction::Out ? tr("Sent by SockScope to the peer")
                                           : tr("Received by SockScope from the peer");
        case SizeColumn:
            return tr("%1 bytes").arg(QLocale().toString(e.size));
        }
        return {};
    // Each chunk's direction by colour, mixed from the palette at paint time,
    // so that a change of theme needs no reset.
    case Qt::ForegroundRole:
        if (index.column() == DirectionColumn)
            return directionForeground(QGuiApplication::palette(), e.dir);
        return {};
    case Qt::BackgroundRole:
        return directionBackground(QGuiApplication::palette(), e.dir);
    case Qt::FontRole:
        if (index.column() == PreviewColumn)
            return QFontDatabase::systemFont(QFontDatabase::FixedFont);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == SizeColumn || index.column() == ConnColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SeqRole:
        return QVariant::fromValue(e.seq);
    case ConnRole:
        return e.conn;
    case DirectionRole:
        return int(e.dir);
    case PayloadRole:
        return e.data;
    case TimeUsRole:
        return e.timeUs;
    case ListenerRole:
        return listenerOf(e.conn);
    }
    return {};
}

QString TrafficModel::directionText(Direction dir) {
    return dir == Direction::Out ? tr("→ out") : tr("← in");
}

QVariant TrafficModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case ConnColumn:
        return tr("Conn");
    case DirectionColumn:
        return tr("Direction");
    case SizeColumn:
        return tr("Size");
    case PreviewColumn:
        return tr("Data");
    }
    return {};
}

void TrafficModel::applyBatch(const EventBatch& events, const SessionStats&) {
    learnListeners(events);
    const auto isData = [](const CaptureEvent& e) {
        return e.kind == EventKind::Data;
    };
    const auto count = qsizetype(std::count_if(events.begin(), events.end(), isData));
    if (count == 0)
        return;
    trimTo(kMaxRows - std::min(count, kMaxRows));
    const int first = int(m_rows.size());
    const int added = int(std::min(count, kMaxRows));
    beginInsertRows({}, first, first + added - 1);
    qsizetype skip = count - added; // a burst bigger than the model keeps its newest rows
    for (const CaptureEvent& e : events) {
        if (isData(e) && skip-- <= 0)
            m_rows.push_back(e);
    }
    endInsertRows();
}

void TrafficModel::learnListeners(const EventBatch& events) {
    bool added = false;
    for (const CaptureEvent& e : events) {
        if (e.kind == EventKind::Accept && e.conn != 0 && e.listener != 0) {
            m_listenerOf.insert(e.conn, e.listener);
        } else if (e.kind == EventKind::Listen && e.listener != 0) {
            m_listeners.append({e.listener, e.local});
            added = true;
        }
    }
    if (added)
        Q_EMIT listenersChanged();
}

void TrafficModel::removeConnections(const QSet<int>& conns, const QSet<int>& listeners) {
    if (!conns.isEmpty())
        removeRowsWhere([&conns](const CaptureEvent& e) { return conns.contains(e.conn); });
    for (const int conn : conns)
        m_listenerOf.remove(conn);
    const qsizetype gone = m_listeners.removeIf(
        [&listeners](const Listener& listener) { return listeners.contains(listener.id); });
    if (gone > 0)
        Q_EMIT listenersChanged();
}

void TrafficModel::trimTo(qsizetype rows) {
    const auto count = int(qsizetype(m_rows.size()) - rows);
    if (count <= 0)
        return;
    beginRemoveRows({}, 0, count - 1);
    m_rows.erase(m_rows.begin(), m_rows.begin() + count);
    endRemoveRows();
}

const CaptureEvent& TrafficModel::eventAt(int row) const {
    Q_ASSERT(row >= 0 && std::size_t(row) < m_rows.size());
    return m_rows[std::size_t(row)];
}

void TrafficModel::clear() {
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

} // namespace sockscope
