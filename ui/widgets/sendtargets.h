#pragma once

#include "base/captureevent.h"

#include <QCoreApplication>
#include <QHash>
#include <QList>

#include <optional>

namespace sockscope {

// The connections a repeat or a file send goes to, and for each how much it
// handed to the engine and how much of it the kernel has taken (the Data Out
// events in the batches): what is left waits in the engine's queue. A
// target ends when its connection closes, fails or we half-close it.
class SendTargets final {
    Q_DECLARE_TR_FUNCTIONS(SendTargets)
public:
    explicit SendTargets(const QList<int>& conns = {});

    void handed(int conn, qint64 bytes);
    // Counts a Data Out, or ends a target; returns why it ended, if it did.
    std::optional<QString> apply(const CaptureEvent& e);

    QList<int> openTargets() const;
    bool anyOpen() const;
    int count() const { return int(m_order.size()); }
    // Largest count of bytes handed but not yet taken, over open targets.
    qint64 maxOutstanding() const;
    qint64 outstanding() const; // summed over open targets
    qint64 written(int conn) const;
    qint64 totalWritten() const; // over every target, ended ones too

private:
    struct Target {
        qint64 handed = 0;
        qint64 written = 0;
        bool open = true;
    };
    QList<int> m_order;
    QHash<int, Target> m_targets;
};

} // namespace sockscope
