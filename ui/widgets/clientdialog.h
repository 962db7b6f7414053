#pragma once

#include "engine/config.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace sockscope {

class KeepPolicyEdit;
class TlsOptionsBox;

// Asks where to connect, what to say first, and how the client socket is
// set up (source address and port, TCP_NODELAY, SO_KEEPALIVE). Remembers
// recent hosts, the last port and the two options, since people reconnect
// to the same few places; the source is asked afresh each time, as a fixed
// port is rarely free twice in a row (TIME_WAIT).
class ClientDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClientDialog)
public:
    static constexpr int kMaxRecentHosts = 10;

    explicit ClientDialog(QWidget* parent = nullptr);

    // Valid once the dialog was accepted.
    ClientConfig config() const;

    QComboBox* hostEdit() const { return m_host; }
    QSpinBox* portEdit() const { return m_port; }
    QLineEdit* sendOnConnectEdit() const { return m_sendOnConnect; }
    QCheckBox* oneExchangeBox() const { return m_oneExchange; }
    QLabel* hostError() const { return m_hostError; }
    QLabel* sendError() const { return m_sendError; }
    QPushButton* okButton() const;

    void accept() override;

private:
    void validate();
    QString sourceError() const; // empty when the source address is fine
    void loadSettings();
    void saveSettings() const;

    QComboBox* m_host = nullptr;
    QLabel* m_hostError = nullptr;
    QSpinBox* m_port = nullptr;
    QLineEdit* m_sendOnConnect = nullptr;
    QLabel* m_sendError = nullptr;
    QCheckBox* m_oneExchange = nullptr;
    KeepPolicyEdit* m_keep = nullptr;
    QLineEdit* m_sourceAddress = nullptr;
    QSpinBox* m_sourcePort = nullptr;
    QLabel* m_sourceError = nullptr;
    QCheckBox* m_noDelay = nullptr;
    QCheckBox* m_keepAlive = nullptr;
    TlsOptionsBox* m_tls = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
    ClientConfig m_config;
};

} // namespace sockscope
