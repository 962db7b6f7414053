#include "models/heldmessagesmodel.h"

#include "base/payloadtext.h"
#include "models/byteformat.h"

#include <algorithm>

namespace sockscope {

namespace {
constexpr int kPreviewChars = 200;
}

HeldMessagesModel::HeldMessagesModel(QObject* parent)
    : QAbstractTableModel(parent) {
}

int HeldMessagesModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(m_shown.size());
}

int HeldMessagesModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HeldMessagesModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Held& held = heldAt(index.row());
    const bool toServer = held.conn == m_client;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case NumberColumn:
            return held.edited ? tr("%1 (edited)").arg(held.message)
                               : QString::number(held.message);
        case DirectionColumn:
            return toServer ? tr("client → server") : tr("server → client");
        case SizeColumn:
            return formatBytes(held.payload.size());
        case MessageColumn:
            return escapedPreview(held.payload, kPreviewChars);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == MessageColumn)
        return escapedPreview(held.payload, 4000);
    return {};
}

QVariant HeldMessagesModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NumberColumn:
        return tr("#");
    case DirectionColumn:
        return tr("Direction");
    case SizeColumn:
        return tr("Size");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

void HeldMessagesModel::applyBatch(const EventBatch& events) {
    // A change to a shown message happens inside a model reset, begun before
    // the change: the view must never see m_shown point at a message that
    // is gone. Held messages are a person's handful, not a flood (a
    // direction holds at most 1 MiB), so a reset is cheap.
    bool resetting = false;
    bool holdingChanged = false;
    const auto changeShown = [this, &resetting](int conn) {
        if (!resetting && conn != 0 && (conn == m_client || conn == m_upstream)) {
            beginResetModel();
            resetting = true;
        }
    };
    for (const CaptureEvent& e : events) {
        const bool shown = e.conn == m_client || e.conn == m_upstream;
        if ((e.kind == EventKind::Close || e.kind == EventKind::Error) &&
            m_holding.contains(e.conn)) {
            // A leg that ended holds nothing more; what it sent may still
            // wait, and then its box stays ticked until that is gone.
            const bool waits = std::any_of(m_held.begin(), m_held.end(),
                                           [&e](const Held& held) { return held.conn == e.conn; });
            if (!waits) {
                m_holding.remove(e.conn);
                holdingChanged = holdingChanged || shown;
            }
        }
        if (e.kind != EventKind::Intercept)
            continue;
        const auto same = [&e](const Held& held) {
            return held.conn == e.conn && held.message == e.count;
        };
        switch (e.intercept) {
        case InterceptStep::None:
        case InterceptStep::Injected: // queued behind what waits, not held
            break;
        case InterceptStep::HoldStarted:
        case InterceptStep::HoldStopped:
            if (e.intercept == InterceptStep::HoldStarted)
                m_holding.insert(e.conn);
            else
                m_holding.remove(e.conn);
            holdingChanged = holdingChanged || shown;
            break;
        case InterceptStep::Held:
            changeShown(e.conn);
            m_held.push_back({e.conn, int(e.count), e.data, false});
            break;
        case InterceptStep::Edited:
            if (const auto held = std::find_if(m_held.begin(), m_held.end(), same);
                held != m_held.end()) {
                changeShown(e.conn);
                held->payload = e.data;
                held->edited = true;
            }
            break;
        case InterceptStep::Released:
        case InterceptStep::Dropped:
            if (const auto held = std::find_if(m_held.begin(), m_held.end(), same);
                held != m_held.end()) {
                changeShown(e.conn);
                m_held.erase(held);
            }
            break;
        }
    }
    if (resetting) {
        collectShown();
        endResetModel();
    }
    if (holdingChanged)
        Q_EMIT this->holdingChanged();
}

void HeldMessagesModel::setPair(int client, int upstream) {
    if (client == m_client && upstream == m_upstream)
        return;
    m_client = client;
    m_upstream = upstream;
    showPair();
    Q_EMIT holdingChanged();
}

void HeldMessagesModel::showPair() {
    beginResetModel();
    collectShown();
    endResetModel();
}

void HeldMessagesModel::collectShown() {
    m_shown.clear();
    for (const Held& held : m_held) {
        if (held.conn != 0 && (held.conn == m_client || held.conn == m_upstream))
            m_shown.push_back(&held);
    }
}

} // namespace sockscope
