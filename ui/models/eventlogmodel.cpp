#include "models/eventlogmodel.h"

#include "base/connectionending.h"
#include "base/payloadtext.h"
#include "models/byteformat.h"
#include "models/joinedtext.h"
#include "models/palettecolors.h"
#include "models/timeformat.h"

#include <QGuiApplication>

#include <algorithm>

namespace sockscope {

EventLogModel::EventLogModel(QObject* parent)
    : EventTableModel(parent) {
}

int EventLogModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QString EventLogModel::subjectText(const CaptureEvent& event) {
    if (event.conn != 0)
        return tr("conn #%1").arg(event.conn);
    if (event.listener != 0)
        return tr("listener #%1").arg(event.listener);
    return tr("session");
}

QString EventLogModel::detailText(const CaptureEvent& e) {
    switch (e.kind) {
    case EventKind::Listen:
        return joinedNonEmpty(
            {tr("bound %1").arg(e.local.toString()), tr("backlog %1").arg(e.backlog), e.responder});
    case EventKind::Accept:
        return joinedNonEmpty({tr("peer %1 → local %2").arg(e.peer.toString(), e.local.toString()),
                               tr("listener #%1").arg(e.listener)});
    case EventKind::Connect:
        return tr("to %1").arg(e.target);
    case EventKind::Connected:
        return tr("local %1 → peer %2").arg(e.local.toString(), e.peer.toString());
    case EventKind::Data:
        return formatBytes(e.size);
    case EventKind::HalfClose:
        return ConnectionEnding::halfCloseText(e.by, ConnectionEnding::Wording::Translated);
    case EventKind::Close:
        if (e.conn == 0)
            return tr("stopped listening");
        // On its own a close can only say whose FIN came first, not "by".
        // A reset's message says what it dropped.
        return joinedNonEmpty(
            {ConnectionEnding::closeText(e, ConnectionEnding::Wording::Translated), e.message});
    case EventKind::Error: {
        const QString code = errorCodeName(e.error);
        return joinedNonEmpty({e.local.toString(), code.isEmpty() || e.message.isEmpty()
                                                       ? code + e.message
                                                       : code + QStringLiteral(": ") + e.message});
    }
    case EventKind::Drop:
        return tr("%1 in %2 events dropped from the capture").arg(formatBytes(e.size)).arg(e.count);
    case EventKind::Intercept:
        return interceptText(e);
    case EventKind::Tls:
        return tlsText(e);
    case EventKind::Wire:
        return formatBytes(e.size);
    case EventKind::Rule:
        return ruleText(e);
    }
    return {};
}

QString EventLogModel::ruleText(const CaptureEvent& e) {
    if (!e.message.isEmpty())
        return e.message;
    if (e.count == 0)
        return tr("greeting sent");
    if (e.responder == u"none")
        return tr("message %1: no rule matched, no answer").arg(e.count);
    if (e.responder == u"default")
        return tr("message %1: no rule matched, the default answered").arg(e.count);
    return tr("message %1 answered by rule \u201c%2\u201d").arg(e.count).arg(e.responder);
}

QString EventLogModel::tlsText(const CaptureEvent& e) {
    if (!e.tls)
        return {};
    const TlsSummary& t = *e.tls;
    if (e.conn == 0) { // a listener's own certificate
        const TlsCertificate* own = t.chain.isEmpty() ? nullptr : &t.chain.first();
        return own ? tr("TLS with %1, SHA-256 %2").arg(own->subject, own->sha256) : QString();
    }
    if (!t.ok)
        return tr("TLS handshake failed: %1").arg(t.failure);
    return joinedNonEmpty(
        {t.version, t.cipher, t.alpn.isEmpty() ? QString() : tr("ALPN %1").arg(t.alpn),
         t.sni.isEmpty() ? QString() : tr("SNI %1").arg(t.sni), tr("verify %1").arg(t.verify)});
}

QString EventLogModel::interceptText(const CaptureEvent& e) {
    const QString way = tr("#%1 → #%2").arg(e.conn).arg(e.pair);
    QString what;
    switch (e.intercept) {
    case InterceptStep::None:
        break;
    case InterceptStep::HoldStarted:
        return tr("holding %1").arg(way);
    case InterceptStep::HoldStopped:
        return tr("stopped holding %1, released what was held").arg(way);
    case InterceptStep::Held:
        what = tr("held");
        break;
    case InterceptStep::Released:
        what = tr("released");
        break;
    case InterceptStep::Edited:
        what = tr("edited");
        break;
    case InterceptStep::Dropped:
        what = tr("dropped");
        break;
    case InterceptStep::Injected:
        what = tr("injected");
        break;
    }
    return joinedNonEmpty(
        {tr("message %1 %2 %3, %4").arg(e.count).arg(way, what, formatBytes(e.size)), e.message,
         escapedPreview(e.data, 60, e.size)});
}

QVariant EventLogModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CaptureEvent& e = m_rows[std::size_t(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return formatLocalTimeUs(e.timeUs);
        case EventColumn:
            return eventKindName(e.kind);
        case SubjectColumn:
            return subjectText(e);
        case DetailColumn:
            return detailText(e);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn)
            return formatTimestampUs(e.timeUs);
        if (index.column() == DetailColumn)
            return detailText(e);
        return {};
    case SeqRole:
        return QVariant::fromValue(e.seq);
    case KindRole:
        return int(e.kind);
    case ConnRole:
        return e.conn;
    case IsErrorRole:
        return e.kind == EventKind::Error;
    // Error rows stand out, in colours mixed from the palette at paint time.
    case Qt::ForegroundRole:
        if (e.kind == EventKind::Error)
            return errorForeground(QGuiApplication::palette());
        return {};
    case Qt::BackgroundRole:
        if (e.kind == EventKind::Error)
            return errorBackground(QGuiApplication::palette());
        return {};
    }
    return {};
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn:
        return tr("Time");
    case EventColumn:
        return tr("Event");
    case SubjectColumn:
        return tr("Subject");
    case DetailColumn:
        return tr("Detail");
    }
    return {};
}

void EventLogModel::applyBatch(const EventBatch& events, const SessionStats&) {
    const auto isLogged = [](const CaptureEvent& e) {
        return !e.carriesPayload(); // traffic is the traffic list's, records too
    };
    const auto logged = std::count_if(events.begin(), events.end(), isLogged);
    if (logged == 0)
        return;
    // Only the newest kMaxRows of the batch itself can survive.
    const auto incoming = std::min<qsizetype>(logged, kMaxRows);
    auto skip = logged - incoming;

    const auto overflow = qsizetype(m_rows.size()) + incoming - kMaxRows;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_rows.erase(m_rows.begin(), m_rows.begin() + overflow);
        endRemoveRows();
    }

    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    for (const CaptureEvent& e : events) {
        if (!isLogged(e))
            continue;
        if (skip > 0) {
            --skip;
            continue;
        }
        m_rows.push_back(e);
        // The log shows a preview; the held message's payload is the
        // intercept panel's.
        if (e.kind == EventKind::Intercept)
            m_rows.back().data.truncate(kBatchPreviewBytes);
    }
    endInsertRows();
}

void EventLogModel::removeConnections(const QSet<int>& conns, const QSet<int>& listeners) {
    if (conns.isEmpty() && listeners.isEmpty())
        return;
    removeRowsWhere([&](const CaptureEvent& e) {
        return e.conn != 0 ? conns.contains(e.conn) : listeners.contains(e.listener);
    });
}

void EventLogModel::clear() {
    if (m_rows.empty())
        return;
    beginRemoveRows({}, 0, int(m_rows.size()) - 1);
    m_rows.clear();
    endRemoveRows();
}

} // namespace sockscope
