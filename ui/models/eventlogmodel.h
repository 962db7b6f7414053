#pragma once

#include "base/captureevent.h"
#include "base/sessionstats.h"
#include "models/eventtablemodel.h"

#include <QSet>

namespace sockscope {

// The lifecycle of the session: every event except Data, one row each, in
// seq order. Keeps the newest kMaxRows rows so a storm of connects cannot
// grow it without bound. Error rows are coloured.
class EventLogModel final : public EventTableModel {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EventLogModel)
public:
    enum Column { TimeColumn, EventColumn, SubjectColumn, DetailColumn, ColumnCount };
    enum Role {
        SeqRole = Qt::UserRole + 1, // quint64
        KindRole,                   // int(EventKind)
        ConnRole,                   // int
        IsErrorRole                 // bool
    };
    static constexpr int kMaxRows = 100000;

    explicit EventLogModel(QObject* parent = nullptr);

    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    void applyBatch(const sockscope::EventBatch& events, const sockscope::SessionStats& stats);
    void clear();
    // Clear closed: the events of these connections, and of these listeners
    // (their own, not their connections'), leave the log.
    void removeConnections(const QSet<int>& conns, const QSet<int>& listeners);

    static QString subjectText(const CaptureEvent& event);
    static QString detailText(const CaptureEvent& event);

private:
    static QString interceptText(const CaptureEvent& event);
    static QString tlsText(const CaptureEvent& event);
    static QString ruleText(const CaptureEvent& event);
};

} // namespace sockscope
