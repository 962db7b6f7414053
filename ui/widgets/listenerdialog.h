#pragma once

#include "engine/config.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;

namespace sockscope {

class KeepPolicyEdit;
class TlsOptionsBox;

// Asks where to listen and how to answer. OK stays disabled until the form
// describes a listener that can be attempted; whether the kernel grants the
// bind is only known later, from the engine's events.
class ListenerDialog final : public QDialog {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ListenerDialog)
public:
    explicit ListenerDialog(QWidget* parent = nullptr);

    // Valid once the dialog was accepted.
    ListenerConfig config() const;
    // Pre-fills the form, e.g. to retry a failed listener.
    void setConfig(const ListenerConfig& config);

    QComboBox* addressEdit() const { return m_address; }
    QSpinBox* portEdit() const { return m_port; }
    QSpinBox* backlogEdit() const { return m_backlog; }
    QComboBox* responderEdit() const { return m_responder; }
    QLineEdit* replyFileEdit() const { return m_replyFile; }
    QLabel* addressError() const { return m_addressError; }
    QLabel* replyFileError() const { return m_replyError; }
    QPushButton* okButton() const;

    void accept() override;

    // What the dialog opens with next time: called once the kernel granted
    // the listener, so that a port that failed (EADDRINUSE) or a value that
    // did not work is never offered again.
    static void rememberWorking(const ListenerConfig& config);

private:
    void fillAddresses();
    QString addressValue() const;
    // What the Forward to field describes; the reason when it is not a HOST:PORT.
    std::optional<ResponderConfig> forwardResponder(QString* error) const;
    // The Rewrite rules box, one rule per line; the first bad line's reason.
    std::optional<RewriteRules> rewriteRules(QString* error) const;
    void validate();
    void loadSettings();

    QComboBox* m_address = nullptr;
    QLabel* m_addressError = nullptr;
    QSpinBox* m_port = nullptr;
    QLabel* m_portHint = nullptr;
    QSpinBox* m_backlog = nullptr;
    QComboBox* m_responder = nullptr;
    QLineEdit* m_replyFile = nullptr;
    QPushButton* m_browse = nullptr;
    QPushButton* m_editRules = nullptr; // Rules: opens the rules editor on the file
    QLabel* m_fileLabel = nullptr;      // "Reply file" or "Rules file"
    QLabel* m_replyError = nullptr;
    QLineEdit* m_upstream = nullptr;
    QLabel* m_upstreamError = nullptr;
    QPlainTextEdit* m_rewrites = nullptr;
    QLabel* m_rewritesError = nullptr;
    TlsOptionsBox* m_upstreamTls = nullptr; // Forward: TLS towards the server
    KeepPolicyEdit* m_keep = nullptr;
    TlsOptionsBox* m_tls = nullptr; // the listener's own side
    QDialogButtonBox* m_buttons = nullptr;
    ListenerConfig m_config;
};

} // namespace sockscope
