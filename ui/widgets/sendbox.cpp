#include "sendbox.h"

#include "base/fileerror.h"
#include "base/payloadtext.h"
#include "formhelpers.h"
#include "messagelibrary.h"
#include "messagelibrarybar.h"
#include "models/connectionsmodel.h"
#include "sendprogress.h"
#include "uilog.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QShortcut>
#include <QSpinBox>
#include <QStackedWidget>
#include <QToolButton>
#include <QVBoxLayout>

namespace sockscope {

namespace {
constexpr int kMaxRepeat = 1000000;
constexpr int kMaxIntervalMs = 3600 * 1000;
constexpr int kDefaultIntervalMs = 1000;

QPlainTextEdit* makeInput(QWidget* parent, const QString& name, const QString& placeholder) {
    auto* edit = new QPlainTextEdit(parent);
    edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    edit->setAccessibleName(name);
    edit->setPlaceholderText(placeholder);
    edit->setTabChangesFocus(true);
    const int lines = 3;
    edit->setMinimumHeight(edit->fontMetrics().lineSpacing() * lines + 12);
    return edit;
}

bool isWritable(const ConnectionsModel* model, const QModelIndex& row) {
    // After our own half-close the write side is shut: only the peer may talk.
    return row.isValid() && model->isOpenConnection(row) &&
           ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt()) !=
               ConnectionsModel::State::HalfClosedByUs;
}
} // namespace

SendBox::SendBox(const ConnectionsModel* connections, QWidget* parent)
    : QWidget(parent)
    , m_connections(connections)
    , m_library(new MessageLibrary(QStringLiteral("sendBox/library"), this))
    , m_target(new QLabel(this))
    , m_mode(new QComboBox(this))
    , m_lineEnding(new QComboBox(this))
    , m_inputs(new QStackedWidget(this))
    , m_text(makeInput(this, tr("Text to send"),
                       tr("Text to send (Ctrl+Return sends, Up recalls earlier ones)")))
    , m_hex(makeInput(this, tr("Hex to send"), tr("Hex bytes, e.g. 48 65 6c 6c 6f 0d 0a")))
    , m_file(new QLineEdit(this))
    , m_browse(new QPushButton(tr("Browse…"), this))
    , m_error(makeErrorLabel(this))
    , m_progress(new SendProgress(this))
    , m_libraryBar(new MessageLibraryBar(m_library, this))
    , m_repeatCount(new QSpinBox(this))
    , m_repeatInterval(new QSpinBox(this))
    , m_hint(new QLabel(tr("Select an open connection to send data."), this))
    , m_send(new QPushButton(QIcon(QStringLiteral(":/icons/send.svg")), tr("&Send"), this))
    , m_halfClose(
          new QPushButton(QIcon(QStringLiteral(":/icons/half-close.svg")), tr("&Half-close"), this))
    , m_close(new QPushButton(QIcon(QStringLiteral(":/icons/close.svg")), tr("Cl&ose"), this)) {
    setAccessibleName(tr("Send box"));
    // Names for tests and accessibility tools, which find the parts by them.
    m_target->setObjectName(QStringLiteral("sendTarget"));
    m_text->setObjectName(QStringLiteral("sendText"));
    m_hex->setObjectName(QStringLiteral("sendHex"));
    m_file->setObjectName(QStringLiteral("sendFile"));
    m_error->setObjectName(QStringLiteral("sendError"));
    m_libraryBar->setObjectName(QStringLiteral("messageLibraryBar"));
    m_repeatCount->setObjectName(QStringLiteral("repeatCount"));
    m_repeatInterval->setObjectName(QStringLiteral("repeatInterval"));
    m_hint->setObjectName(QStringLiteral("sendHint"));
    m_send->setObjectName(QStringLiteral("sendButton"));
    m_halfClose->setObjectName(QStringLiteral("halfCloseButton"));
    m_close->setObjectName(QStringLiteral("closeButton"));
    m_target->setAccessibleName(tr("Send target"));
    m_target->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapping and no minimum width of its own, so that a long address or
    // state never widens the pane and moves the splitter under the user's eyes.
    m_target->setWordWrap(true);
    m_target->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    m_mode->addItem(tr("Text"), int(Mode::Text));
    m_mode->addItem(tr("Hex"), int(Mode::Hex));
    m_mode->addItem(tr("File"), int(Mode::File));
    m_mode->setAccessibleName(tr("Send mode"));
    m_mode->setToolTip(tr("What to send: typed text, hex bytes or a file's contents"));

    m_lineEnding->addItem(tr("No line ending"), int(LineEnding::None));
    m_lineEnding->addItem(tr("LF (\\n)"), int(LineEnding::Lf));
    m_lineEnding->addItem(tr("CR LF (\\r\\n)"), int(LineEnding::CrLf));
    m_lineEnding->setCurrentIndex(int(LineEnding::Lf));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_lineEnding->setToolTip(tr("Appended to the text; line breaks inside the text are sent as "
                                "this ending too"));

    m_file->setAccessibleName(tr("File to send"));
    m_file->setPlaceholderText(tr("File whose bytes are sent, in chunks, with progress"));
    m_browse->setAccessibleName(tr("Browse for file to send"));
    auto* filePage = new QWidget(this);
    auto* fileRow = new QHBoxLayout(filePage);
    fileRow->setContentsMargins(0, 0, 0, 0);
    fileRow->addWidget(m_file, 1);
    fileRow->addWidget(m_browse);
    fileRow->setAlignment(Qt::AlignTop);
    m_inputs->addWidget(m_text);
    m_inputs->addWidget(m_hex);
    m_inputs->addWidget(filePage);

    m_repeatCount->setRange(1, kMaxRepeat);
    m_repeatCount->setPrefix(tr("×"));
    m_repeatCount->setAccessibleName(tr("Repeat count"));
    m_repeatCount->setToolTip(tr("How many times each send goes out; more than 1 repeats it at "
                                 "the interval, with progress and a Stop button"));
    m_repeatInterval->setRange(0, kMaxIntervalMs);
    m_repeatInterval->setValue(kDefaultIntervalMs);
    m_repeatInterval->setSuffix(tr(" ms"));
    m_repeatInterval->setAccessibleName(tr("Repeat interval"));
    m_repeatInterval->setToolTip(tr("Milliseconds between repeated sends (with a count above 1)"));

    m_hint->setAccessibleName(tr("Send hint"));
    m_hint->setEnabled(false);
    m_hint->setWordWrap(true);
    m_hint->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_send->setToolTip(tr("Send to the selected connection (Ctrl+Return)"));
    m_send->setAccessibleName(tr("Send"));
    m_halfClose->setToolTip(tr("Shut down our sending side (FIN); we can still receive"));
    m_halfClose->setAccessibleName(tr("Half-close"));
    m_close->setToolTip(tr("Close the connection gracefully"));
    m_close->setAccessibleName(tr("Close connection"));

    auto* header = new QHBoxLayout;
    header->addWidget(m_target, 1);
    header->addWidget(m_mode);
    header->addWidget(m_lineEnding);
    auto* options = new QHBoxLayout;
    options->addWidget(m_libraryBar, 1);
    options->addWidget(m_repeatCount);
    options->addWidget(m_repeatInterval);
    auto* buttons = new QHBoxLayout;
    // The hint takes the free width while shown; the spacer while it is hidden.
    buttons->addWidget(m_hint, 1);
    buttons->addStretch(0);
    buttons->addWidget(m_halfClose);
    buttons->addWidget(m_close);
    buttons->addWidget(m_send);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->addLayout(header);
    layout->addWidget(m_inputs, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_progress);
    layout->addLayout(options);
    layout->addLayout(buttons);

    connect(m_mode, &QComboBox::currentIndexChanged, this,
            [this] { setMode(Mode(m_mode->currentData().toInt())); });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("File to send"), m_file->text());
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_send, &QPushButton::clicked, this, &SendBox::send);
    connect(m_file, &QLineEdit::returnPressed, this, &SendBox::send);
    placeInTabOrderAfter(m_text);
    connect(m_halfClose, &QPushButton::clicked, this, &SendBox::requestHalfClose);
    connect(m_close, &QPushButton::clicked, this, &SendBox::requestClose);
    for (const QKeySequence& keys :
         {QKeySequence(Qt::CTRL | Qt::Key_Return), QKeySequence(Qt::CTRL | Qt::Key_Enter)}) {
        auto* shortcut = new QShortcut(keys, this);
        shortcut->setContext(Qt::WidgetWithChildrenShortcut);
        connect(shortcut, &QShortcut::activated, this, &SendBox::send);
    }
    m_text->installEventFilter(this);
    m_hex->installEventFilter(this);
    connect(m_libraryBar, &MessageLibraryBar::sendRequested, this, &SendBox::sendSaved);
    connect(m_libraryBar, &MessageLibraryBar::saveCurrentRequested, this, &SendBox::saveCurrent);
    connect(m_libraryBar, &MessageLibraryBar::notice, this,
            [this](const QString& message, bool error) {
                if (error)
                    showError(m_error, message);
                else if (!m_progress->isRunning()) // its line belongs to the running job
                    m_progress->finish(message, true);
            });
    connect(m_repeatCount, &QSpinBox::valueChanged, this, &SendBox::refresh);
    connect(m_progress, &SendProgress::runningChanged, this, &SendBox::refresh);
    // The selected connection can close or half-close at any moment.
    connect(connections, &QAbstractItemModel::dataChanged, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::rowsInserted, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::rowsRemoved, this, &SendBox::refresh);
    connect(connections, &QAbstractItemModel::modelReset, this, &SendBox::refresh);

    setMode(Mode::Text);
    refresh();
}

void SendBox::setConnection(int conn) {
    if (conn != m_conn)
        showError(m_error, {});
    m_conn = conn;
    if (conn)
        m_listener = 0;
    refresh();
}

void SendBox::setListener(int listenerId) {
    if (listenerId == m_listener)
        return;
    showError(m_error, {});
    m_listener = listenerId;
    if (listenerId)
        m_conn = 0;
    refresh();
}

QList<int> SendBox::targets() const {
    if (m_conn) {
        if (isWritable(m_connections, m_connections->indexOfConnection(m_conn)))
            return {m_conn};
        return {};
    }
    QList<int> conns;
    const QModelIndex listener =
        m_listener ? m_connections->indexOfListener(m_listener) : QModelIndex();
    for (int row = 0, rows = m_connections->rowCount(listener); listener.isValid() && row < rows;
         ++row) {
        const QModelIndex child = m_connections->index(row, 0, listener);
        if (isWritable(m_connections, child))
            conns.append(child.data(ConnectionsModel::IdRole).toInt());
    }
    return conns;
}

bool SendBox::canSend() const {
    return !m_progress->blocksSending() && !targets().isEmpty();
}

bool SendBox::canHalfClose() const {
    // A connect in progress has no sending side to shut down yet.
    return m_conn && !targets().isEmpty();
}

bool SendBox::canClose() const {
    const QModelIndex row = m_connections->indexOfConnection(m_conn);
    return row.isValid() &&
           (m_connections->isOpenConnection(row) ||
            ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt()) ==
                ConnectionsModel::State::Connecting);
}

void SendBox::requestHalfClose() {
    if (canHalfClose())
        Q_EMIT halfCloseRequested(m_conn);
}

void SendBox::requestClose() {
    if (canClose())
        Q_EMIT closeRequested(m_conn);
}

void SendBox::requestAbort() {
    if (canClose())
        Q_EMIT abortRequested(m_conn);
}

void SendBox::setMode(Mode mode) {
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    m_inputs->setCurrentIndex(int(mode));
    m_lineEnding->setVisible(mode == Mode::Text);
    // A file goes once; its progress line tells how far it got.
    m_repeatCount->setVisible(mode != Mode::File);
    m_repeatInterval->setVisible(mode != Mode::File);
    showError(m_error, {});
}

void SendBox::setLineEnding(LineEnding ending) {
    m_lineEnding->setCurrentIndex(m_lineEnding->findData(int(ending)));
}

void SendBox::placeInTabOrderAfter(QWidget* previous) {
    // What you type first, then how it is sent, then the buttons left to
    // right as they are shown. (setTabOrder ignores the box itself: it
    // takes no focus.)
    const std::initializer_list<QWidget*> order{previous,
                                                m_text,
                                                m_hex,
                                                m_file,
                                                m_browse,
                                                m_mode,
                                                m_lineEnding,
                                                m_progress->stopButton(),
                                                m_libraryBar->combo(),
                                                m_libraryBar->sendButton(),
                                                m_libraryBar->menuButton(),
                                                m_repeatCount,
                                                m_repeatInterval,
                                                m_halfClose,
                                                m_close,
                                                m_send};
    for (auto it = order.begin(); it + 1 != order.end(); ++it) {
        if (*it != *(it + 1))
            setTabOrder(*it, *(it + 1));
    }
}

void SendBox::focusInput() {
    QWidget* page = m_inputs->currentWidget();
    (page == m_text || page == m_hex ? page : m_file)->setFocus();
}

bool SendBox::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::KeyPress || (watched != m_text && watched != m_hex))
        return QWidget::eventFilter(watched, event);
    const auto* key = static_cast<QKeyEvent*>(event);
    const bool up = key->key() == Qt::Key_Up;
    if ((!up && key->key() != Qt::Key_Down) || (key->modifiers() & ~Qt::KeypadModifier))
        return false;
    // As in a shell: only from the first line up, or the last line down,
    // so that moving within a message of several lines still works.
    QTextCursor probe = static_cast<QPlainTextEdit*>(watched)->textCursor();
    if (probe.movePosition(up ? QTextCursor::Up : QTextCursor::Down))
        return false;
    return recall(up);
}

SendMessage SendBox::currentMessage() const {
    SendMessage message;
    if (Mode(m_mode->currentData().toInt()) == Mode::Hex) {
        message.format = SendMessage::Format::Hex;
        message.text = m_hex->toPlainText();
    } else {
        message.text = m_text->toPlainText();
        message.ending = LineEnding(m_lineEnding->currentData().toInt());
    }
    return message;
}

void SendBox::showMessage(const SendMessage& message) {
    const bool hex = message.format == SendMessage::Format::Hex;
    const bool hadFocus = m_text->hasFocus() || m_hex->hasFocus();
    setMode(hex ? Mode::Hex : Mode::Text);
    if (!hex)
        setLineEnding(message.ending);
    QPlainTextEdit* edit = hex ? m_hex : m_text;
    edit->setPlainText(message.text);
    edit->moveCursor(QTextCursor::End);
    if (hadFocus)
        edit->setFocus();
}

bool SendBox::recall(bool older) {
    const auto message = older ? m_history.older(currentMessage()) : m_history.newer();
    if (!message)
        return false;
    showMessage(*message);
    return true;
}

bool SendBox::send() {
    if (!canSend())
        return false;
    m_progress->clearOutcome();
    if (Mode(m_mode->currentData().toInt()) == Mode::File)
        return sendFile();
    const SendMessage message = currentMessage();
    QString error;
    const auto bytes = message.bytes(&error);
    showError(m_error, error);
    if (!bytes || !dispatch(*bytes))
        return false;
    m_history.add(message);
    // Kept and selected, so that Ctrl+Return resends and typing replaces.
    if (auto* edit = qobject_cast<QPlainTextEdit*>(m_inputs->currentWidget()))
        edit->selectAll();
    return true;
}

bool SendBox::sendSaved(int row) {
    if (!canSend() || row < 0 || row >= m_library->rowCount())
        return false;
    m_progress->clearOutcome();
    QString error;
    const auto bytes = m_library->message(row).bytes(&error);
    showError(m_error, error);
    return bytes && dispatch(*bytes);
}

bool SendBox::dispatch(const QByteArray& bytes) {
    const QList<int> conns = targets();
    const int count = m_repeatCount->value();
    if (count > 1 && m_progress->isRunning()) {
        showError(m_error, tr("A repeat is running: stop it before starting another."));
        return false;
    }
    qCInfo(lcUi) << "send to connections" << conns << bytes.size() << "bytes," << count
                 << "time(s)";
    // The bytes themselves only at debug level: they may be passwords.
    qCDebug(lcUi).noquote() << "payload:" << escapedPreview(bytes, 200);
    if (count > 1) {
        Q_EMIT repeatRequested(conns, bytes, count, m_repeatInterval->value());
        return true;
    }
    for (int conn : conns)
        Q_EMIT sendRequested(conn, bytes);
    return true;
}

bool SendBox::sendFile() {
    const QString path = m_file->text();
    QString error;
    QFile file(path);
    if (path.isEmpty())
        error = tr("Choose a file to send.");
    else if (!file.open(QIODevice::ReadOnly))
        error = tr("Cannot read '%1': %2").arg(path, fileErrorText(file));
    else if (m_progress->isRunning())
        error = tr("A repeat is running: stop it before sending a file.");
    showError(m_error, error);
    if (!error.isEmpty())
        return false;
    const QList<int> conns = targets();
    qCInfo(lcUi) << "send file" << path << file.size() << "bytes to connections" << conns;
    Q_EMIT fileSendRequested(conns, path);
    return true;
}

void SendBox::saveCurrent() {
    if (Mode(m_mode->currentData().toInt()) == Mode::File) {
        showError(m_error, tr("Only text and hex can be saved as messages."));
        return;
    }
    const SendMessage message = currentMessage();
    QString error;
    showError(m_error, message.bytes(&error) ? QString() : error);
    if (error.isEmpty())
        m_libraryBar->saveAs(message);
}

void SendBox::refresh() {
    const QModelIndex row = m_conn ? m_connections->indexOfConnection(m_conn) : QModelIndex();
    const QModelIndex listener =
        m_listener ? m_connections->indexOfListener(m_listener) : QModelIndex();
    const bool open = row.isValid() && m_connections->isOpenConnection(row);
    const auto state = ConnectionsModel::State(row.data(ConnectionsModel::StateRole).toInt());
    const bool connecting = row.isValid() && state == ConnectionsModel::State::Connecting;
    const int targetCount = int(targets().size());

    if (listener.isValid()) {
        const QString local =
            listener.siblingAtColumn(ConnectionsModel::LocalColumn).data().toString();
        m_target->setText(
            targetCount == 0
                ? tr("Listener #%1 (%2) has no open connections").arg(m_listener).arg(local)
            : targetCount == 1 ? tr("To <b>1 open connection</b> of listener #%1 (%2)")
                                     .arg(m_listener)
                                     .arg(local.toHtmlEscaped())
                               : tr("To <b>%1 open connections</b> of listener #%2 (%3)")
                                     .arg(targetCount)
                                     .arg(m_listener)
                                     .arg(local.toHtmlEscaped()));
    } else if (!row.isValid()) {
        m_target->setText(tr("No connection selected"));
    } else {
        const QString peer = row.siblingAtColumn(ConnectionsModel::PeerColumn).data().toString();
        const QString local = row.siblingAtColumn(ConnectionsModel::LocalColumn).data().toString();
        m_target->setText(tr("To <b>%1</b> from %2 · %3")
                              .arg(peer.toHtmlEscaped(), local.toHtmlEscaped(),
                                   row.siblingAtColumn(ConnectionsModel::StateColumn)
                                       .data()
                                       .toString()
                                       .toHtmlEscaped()));
    }
    const bool writable = targetCount > 0;
    const bool busy = m_progress->blocksSending();
    m_hint->setText(listener.isValid() && !writable
                        ? tr("Sends go to the listener's open connections; it has none now.")
                    : !row.isValid() && !listener.isValid()
                        ? tr("Select a connection, or a listener for all its connections.")
                    : connecting ? tr("Still connecting…")
                    : busy       ? tr("Sending a file: wait for it, or cancel it.")
                    : writable   ? QString()
                    : open       ? tr("We half-closed this connection: only the peer can send.")
                                 : tr("This connection is closed."));
    m_hint->setVisible(!m_hint->text().isEmpty());
    const bool canSendNow = writable && !busy;
    m_inputs->setEnabled(canSendNow);
    m_mode->setEnabled(canSendNow);
    m_lineEnding->setEnabled(canSendNow);
    m_repeatCount->setEnabled(canSendNow);
    m_repeatInterval->setEnabled(canSendNow && m_repeatCount->value() > 1);
    m_libraryBar->setSendEnabled(canSendNow);
    m_send->setEnabled(canSendNow);
    m_send->setToolTip(
        listener.isValid()
            ? tr("Send to each open connection of listener #%1 (Ctrl+Return)").arg(m_listener)
            : tr("Send to the selected connection (Ctrl+Return)"));
    m_halfClose->setEnabled(canHalfClose());
    m_close->setEnabled(canClose());
    m_close->setText(connecting ? tr("Cancel") : tr("Cl&ose"));
    Q_EMIT availabilityChanged();
}

} // namespace sockscope
