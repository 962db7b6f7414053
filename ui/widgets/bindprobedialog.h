#pragma once

#include "engine/bindscopeprobe.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTableWidget;

namespace sockscope {

// "Who can reach this listener?": connects to the listener's port from each
// of the machine's own addresses and shows, per address, whether the
// connection was accepted and how the listener saw it. This is the HOWTO's
// point that the bind address, not the port, decides who can connect.
class BindProbeDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BindProbeDialog)
public:
    enum Column { AddressColumn, OutcomeColumn, SeenAsColumn, TimeColumn, ColumnCount };

    // local: the listener's bound address as shown, "127.0.0.1:5000" or "[::]:5000".
    explicit BindProbeDialog(const QString& local, QWidget* parent = nullptr);

    // Probes (again); the table fills when all probes are done.
    void probe();

    QTableWidget* table() const { return m_table; }
    QPushButton* probeButton() const { return m_again; }
    QLabel* statusLabel() const { return m_status; }

Q_SIGNALS:
    // results: one per address, as the table shows them.
    void probed(const QList<sockscope::ProbeResult>& results);

private:
    void showResults(const QList<sockscope::ProbeResult>& results);
    static QString outcomeText(const ProbeResult& result);

    QHostAddress m_address;
    quint16 m_port = 0;
    BindScopeProbe* m_probe = nullptr;
    QLabel* m_status = nullptr;
    QTableWidget* m_table = nullptr;
    QPushButton* m_again = nullptr;
};

} // namespace sockscope
