#pragma once

#include "formats/sendmessage.h"
#include "sendhistory.h"

#include <QByteArray>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace sockscope {

class ConnectionsModel;
class MessageLibrary;
class MessageLibraryBar;
class SendProgress;

// Composes bytes for the selected connection, or for every open connection
// of the selected listener: typed text with a chosen line ending, hex, a
// saved message, or a file. Sent text and hex go into a history that Up and
// Down recall. It only asks; the window hands one send to the engine, and
// SendJobs runs a repeat or a file send.
class SendBox final : public QWidget {
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SendBox)
public:
    enum class Mode { Text, Hex, File };
    using LineEnding = SendMessage::LineEnding;

    explicit SendBox(const ConnectionsModel* connections, QWidget* parent = nullptr);

    // 0: no connection selected. A connection replaces a listener target.
    void setConnection(int conn);
    int connection() const { return m_conn; }
    // A listener row is selected: sends go to each of its open connections.
    // 0: no listener selected (a selected connection stays the target).
    void setListener(int listenerId);
    bool canSend() const;
    bool canHalfClose() const;
    bool canClose() const; // also cancels a connect in progress

    void setMode(Mode mode);
    void setLineEnding(LineEnding ending);
    void focusInput();
    // Builds the payload from the form and emits sendRequested() for each
    // target (or repeatRequested(), or fileSendRequested()); an invalid form
    // shows why next to the input and sends nothing.
    bool send();
    // Sends the saved message of that row of the library, as send() does.
    bool sendSaved(int row);
    void requestHalfClose();
    void requestClose();
    // A reset (RST), for the connection Close would close.
    void requestAbort();

    // Tab order: previous, then the input, the options and the buttons as
    // they are shown; the send button comes last.
    void placeInTabOrderAfter(QWidget* previous);

    // The window's tab order ends with it.
    QPushButton* sendButton() const { return m_send; }
    // Where SendJobs shows a repeat's or a file's progress.
    SendProgress* progress() const { return m_progress; }

Q_SIGNALS:
    void sendRequested(int conn, const QByteArray& bytes);
    void repeatRequested(const QList<int>& conns, const QByteArray& bytes, int count,
                         int intervalMs);
    void fileSendRequested(const QList<int>& conns, const QString& path);
    void halfCloseRequested(int conn);
    void closeRequested(int conn);
    void abortRequested(int conn);
    // What the selected connection allows changed (canSend() and friends).
    void availabilityChanged();

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    // Open connections that we may still write to, in the target.
    QList<int> targets() const;
    SendMessage currentMessage() const;
    void showMessage(const SendMessage& message);
    bool recall(bool older);
    bool sendFile();
    // One send to each target, or a repeat if the count says so.
    bool dispatch(const QByteArray& bytes);
    void saveCurrent();
    void refresh();

    const ConnectionsModel* m_connections = nullptr;
    int m_conn = 0;
    int m_listener = 0;
    SendHistory m_history;
    MessageLibrary* m_library = nullptr;
    QLabel* m_target = nullptr;
    QComboBox* m_mode = nullptr;
    QComboBox* m_lineEnding = nullptr;
    QStackedWidget* m_inputs = nullptr;
    QPlainTextEdit* m_text = nullptr;
    QPlainTextEdit* m_hex = nullptr;
    QLineEdit* m_file = nullptr;
    QPushButton* m_browse = nullptr;
    QLabel* m_error = nullptr;
    SendProgress* m_progress = nullptr;
    MessageLibraryBar* m_libraryBar = nullptr;
    QSpinBox* m_repeatCount = nullptr;
    QSpinBox* m_repeatInterval = nullptr;
    QLabel* m_hint = nullptr;
    QPushButton* m_send = nullptr;
    QPushButton* m_halfClose = nullptr;
    QPushButton* m_close = nullptr;
};

} // namespace sockscope
