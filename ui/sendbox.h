#pragma once

#include <QByteArray>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;

namespace sockscope {

class ConnectionsModel;

// Composes bytes for the selected connection: typed text with a chosen line
// ending, hex, or a file's contents. It only asks; the window hands the
// request to the engine.
class SendBox final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendBox)
public:
    enum class Mode { Text, Hex, File };
    enum class LineEnding { None, Lf, CrLf };

    explicit SendBox(const ConnectionsModel* connections, QWidget* parent = nullptr);

    // 0: no connection selected.
    void setConnection(int conn);
    int connection() const { return m_conn; }
    bool canSend() const;
    bool canHalfClose() const;
    bool canClose() const; // also cancels a connect in progress

    void setMode(Mode mode);
    void setLineEnding(LineEnding ending);
    void focusInput();
    // Builds the payload from the form and emits sendRequested(); an invalid
    // form shows why next to the input and sends nothing.
    bool send();
    void requestHalfClose();
    void requestClose();

    // Tab order: previous, then the input, the options and the buttons as
    // they are shown; the send button comes last.
    void placeInTabOrderAfter(QWidget* previous);

    QPlainTextEdit* textEdit() const { return m_text; }
    QPlainTextEdit* hexEdit() const { return m_hex; }
    QLineEdit* fileEdit() const { return m_file; }
    QLabel* errorLabel() const { return m_error; }
    QLabel* hintLabel() const { return m_hint; }
    QPushButton* sendButton() const { return m_send; }
    QPushButton* halfCloseButton() const { return m_halfClose; }
    QPushButton* closeButton() const { return m_close; }

Q_SIGNALS:
    void sendRequested(int conn, const QByteArray& bytes);
    void halfCloseRequested(int conn);
    void closeRequested(int conn);
    // What the selected connection allows changed (canSend() and friends).
    void availabilityChanged();

private:
    std::optional<QByteArray> payload(QString* error) const;
    void refresh();

    const ConnectionsModel* m_connections = nullptr;
    int m_conn = 0;
    QLabel* m_target = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_lineEnding = nullptr;
    QStackedWidget* m_inputs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_hex = nullptr;
    QLineEdit* m_file = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_error = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_halfClose = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace sockscope
