#include "streamfindbar.h"

#include "base/payloadtext.h"
#include "capture/streamsearch.h"
#include "followstreamview.h"
#include "formhelpers.h"
#include "sessionsource.h"

#include <QCheckBox>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QStyle>
#include <QThread>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace sockscope {

// One search and its thread. The worker writes result; the GUI thread reads
// it only after joining the thread, which orders the two.
struct StreamFindBar::Job {
    Job(quint64 jobId, const CaptureStore& store, int conn, QByteArray pattern)
        : id(jobId)
        , search(store, conn, std::move(pattern)) {}

    const quint64 id;
    StreamSearch search;
    StreamSearch::Result result;
    std::unique_ptr<QThread> thread;
};

namespace {
QToolButton* makeButton(QWidget* parent, const QString& text, const QString& toolTip) {
    auto* button = new QToolButton(parent);
    button->setText(text);
    button->setAccessibleName(text);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}
} // namespace

StreamFindBar::StreamFindBar(const SessionSource* source, FollowStreamView* view, QWidget* parent)
    : QWidget(parent)
    , m_source(source)
    , m_view(view)
    , m_pattern(new QLineEdit(this))
    , m_hex(new QCheckBox(tr("Hex"), this))
    , m_find(makeButton(this, tr("Find"),
                        tr("Search the whole stream, as long as it is now, from its start")))
    , m_previous(makeButton(this, tr("Previous"), tr("Go to the previous match (Shift+Enter)")))
    , m_next(makeButton(this, tr("Next"), tr("Go to the next match (Enter)")))
    , m_cancel(makeButton(this, tr("Cancel"), tr("Stop the search")))
    , m_status(new QLabel(this))
    , m_position(new QLabel(this))
    , m_error(makeErrorLabel(this)) {
    setAccessibleName(tr("Find in stream"));
    m_pattern->setAccessibleName(tr("Bytes to find"));
    m_pattern->setPlaceholderText(tr("Find in the stream (Enter: next, Shift+Enter: previous)"));
    m_pattern->setToolTip(tr("Text to find (its UTF-8 bytes, case-sensitive), or with Hex "
                             "checked hex bytes such as de ad be ef"));
    m_pattern->setClearButtonEnabled(true);
    m_hex->setAccessibleName(tr("Find hex bytes"));
    m_hex->setToolTip(tr("Read the pattern as hex bytes, such as de ad be ef"));
    m_status->setAccessibleName(tr("Find status"));
    m_status->setTextFormat(Qt::PlainText);
    m_position->setAccessibleName(tr("Current match"));
    m_position->setTextFormat(Qt::PlainText);
    m_error->setAccessibleName(tr("Find error"));
    auto* close = new QToolButton(this);
    close->setAutoRaise(true);
    close->setIcon(style()->standardIcon(QStyle::SP_TitleBarCloseButton));
    close->setToolTip(tr("Close the find bar and stop the search (Escape)"));
    close->setAccessibleName(tr("Close find bar"));

    // Two rows, so that the bar is no wider than a hex dump line however
    // long the status ("1,234,567 matches; …") gets.
    auto* controls = new QHBoxLayout;
    controls->addWidget(m_pattern, 1);
    controls->addWidget(m_hex);
    controls->addWidget(m_find);
    controls->addWidget(m_previous);
    controls->addWidget(m_next);
    controls->addWidget(m_cancel);
    controls->addWidget(close);
    auto* status = new QHBoxLayout;
    status->addWidget(m_error, 1);
    status->addWidget(m_status, 1);
    status->addWidget(m_position);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->setSpacing(2);
    layout->addLayout(controls);
    layout->addLayout(status);

    connect(m_pattern, &QLineEdit::textChanged, this, &StreamFindBar::patternEdited);
    connect(m_hex, &QCheckBox::toggled, this, &StreamFindBar::patternEdited);
    connect(m_find, &QToolButton::clicked, this, &StreamFindBar::find);
    connect(m_previous, &QToolButton::clicked, this, &StreamFindBar::findPrevious);
    connect(m_next, &QToolButton::clicked, this, &StreamFindBar::findNext);
    connect(m_cancel, &QToolButton::clicked, this, &StreamFindBar::cancel);
    connect(close, &QToolButton::clicked, this, &StreamFindBar::dismiss);
    updateButtons();
    hide();
}

StreamFindBar::~StreamFindBar() {
    stopAllAndWait();
}

void StreamFindBar::setConnection(int conn) {
    if (conn == m_conn)
        return;
    m_conn = conn;
    reset();
    setStatus({});
    showError(m_error, {});
    updateButtons();
}

void StreamFindBar::installFindShortcut(QWidget* scope) {
    scope->installEventFilter(this);
}

void StreamFindBar::open() {
    show();
    m_pattern->setFocus(Qt::ShortcutFocusReason);
    m_pattern->selectAll();
}

void StreamFindBar::dismiss() {
    cancel();
    hide();
    m_view->setFocus(Qt::OtherFocusReason);
}

void StreamFindBar::find() {
    reset();
    setStatus({});
    QString error;
    const std::optional<QByteArray> bytes = pattern(&error);
    showError(m_error, error);
    if (!bytes || m_conn == 0) {
        updateButtons();
        return;
    }
    auto job = std::make_unique<Job>(++m_lastJob, m_source->store(), m_conn, *bytes);
    Job* running = job.get();
    const quint64 id = running->id;
    running->thread.reset(QThread::create([this, running, id] {
        QElapsedTimer sinceProgress;
        running->result = running->search.run([&](qint64 searched, qint64 total) {
            // A page may take a millisecond: a queued call for each would
            // flood the GUI thread.
            if (sinceProgress.isValid() && !sinceProgress.hasExpired(kProgressIntervalMs))
                return;
            sinceProgress.start();
            QMetaObject::invokeMethod(
                this, [this, id, searched, total] { showProgress(id, searched, total); },
                Qt::QueuedConnection);
        });
    }));
    running->thread->setObjectName(QStringLiteral("StreamSearch"));
    // Queued: finished is emitted on the worker thread.
    connect(running->thread.get(), &QThread::finished, this, [this, id] { finish(id); });
    // The source, and with it the store the worker reads, may be a child of
    // an ancestor (MainWindow owns its session) that deletes it before this
    // bar: a widget announces its destruction before it deletes any child.
    for (QObject* ancestor = parent(); ancestor; ancestor = ancestor->parent())
        connect(ancestor, &QObject::destroyed, this, &StreamFindBar::stopAllAndWait,
                Qt::UniqueConnection);
    m_jobs.push_back(std::move(job));
    m_running = id;
    running->thread->start();
    showProgress(id, 0, 0);
    updateButtons();
}

void StreamFindBar::findNext() {
    step(1);
}

void StreamFindBar::findPrevious() {
    step(-1);
}

void StreamFindBar::cancel() {
    if (m_running == 0)
        return;
    // The worker stops after its page; its thread is joined when it says so.
    for (const std::unique_ptr<Job>& job : m_jobs)
        job->search.cancel();
    m_running = 0;
    setStatus(tr("Cancelled"));
    updateButtons();
    Q_EMIT searchEnded();
}

void StreamFindBar::keyPressEvent(QKeyEvent* event) {
    // The pattern edit and the buttons leave these keys to the bar.
    if (event->key() == Qt::Key_Escape) {
        dismiss();
    } else if (event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) {
        if (event->modifiers().testFlag(Qt::ShiftModifier))
            findPrevious();
        else
            findNext();
    } else {
        QWidget::keyPressEvent(event);
    }
}

bool StreamFindBar::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress) {
        auto* key = static_cast<QKeyEvent*>(event);
        if (key->matches(QKeySequence::Find)) {
            // Accepting the override turns the key into a key press here,
            // rather than the window's Find in traffic.
            key->accept();
            if (event->type() == QEvent::KeyPress)
                open();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

std::optional<QByteArray> StreamFindBar::pattern(QString* error) const {
    const QString text = m_pattern->text();
    if (text.isEmpty())
        return std::nullopt;
    if (!m_hex->isChecked())
        return text.toUtf8();
    QString why;
    std::optional<QByteArray> bytes = parseHexInput(text, &why);
    if (!bytes) {
        *error = tr("Not valid hex: %1.").arg(why);
        return std::nullopt;
    }
    if (bytes->isEmpty()) {
        *error = tr("Type the bytes to find in hex, such as de ad be ef.");
        return std::nullopt;
    }
    return bytes;
}

void StreamFindBar::patternEdited() {
    reset();
    setStatus({});
    showError(m_error, {});
    updateButtons();
}

void StreamFindBar::reset() {
    // Cancelled searches finish quietly: only m_running's result is shown.
    for (const std::unique_ptr<Job>& job : m_jobs)
        job->search.cancel();
    m_running = 0;
    m_offsets.clear();
    m_current = -1;
    m_position->clear();
}

void StreamFindBar::showProgress(quint64 job, qint64 searched, qint64 total) {
    if (job != m_running)
        return;
    const int percent = total > 0 ? int(searched * 100 / total) : 0;
    setStatus(tr("Searching… %1 %").arg(QLocale().toString(percent)));
    Q_EMIT progressed(percent);
}

void StreamFindBar::finish(quint64 job) {
    const auto it = std::find_if(m_jobs.begin(), m_jobs.end(),
                                 [job](const std::unique_ptr<Job>& j) { return j->id == job; });
    if (it == m_jobs.end())
        return; // joined already, by stopAllAndWait()
    (*it)->thread->wait();
    const StreamSearch::Result result = std::move((*it)->result);
    m_jobs.erase(it);
    if (job != m_running)
        return;
    m_running = 0;
    m_offsets = result.offsets;
    const QLocale locale;
    if (result.matches == 0)
        setStatus(tr("No match"));
    else if (result.matches == 1)
        setStatus(tr("1 match"));
    else if (result.matches > m_offsets.size())
        setStatus(tr("%1 matches; the first %2 can be visited")
                      .arg(locale.toString(result.matches), locale.toString(m_offsets.size())));
    else
        setStatus(tr("%1 matches").arg(locale.toString(result.matches)));
    updateButtons();
    if (!m_offsets.isEmpty()) {
        // The first match from where the person is reading, as a browser's find does.
        const auto next =
            std::lower_bound(m_offsets.cbegin(), m_offsets.cend(), m_view->topOffset());
        jumpTo(next == m_offsets.cend() ? 0 : int(next - m_offsets.cbegin()));
    }
    Q_EMIT searchEnded();
}

void StreamFindBar::setStatus(const QString& text) {
    m_status->setText(text);
    m_status->setAccessibleDescription(text);
}

void StreamFindBar::step(int by) {
    if (isSearching())
        return;
    // No match yet, or none last time: the stream may have grown since.
    if (m_offsets.isEmpty()) {
        find();
        return;
    }
    const int count = int(m_offsets.size());
    jumpTo(((m_current + by) % count + count) % count);
}

void StreamFindBar::jumpTo(int match) {
    m_current = match;
    m_view->scrollToOffset(m_offsets.at(match));
    const QLocale locale;
    m_position->setText(
        tr("%1 of %2").arg(locale.toString(match + 1), locale.toString(m_offsets.size())));
}

void StreamFindBar::stopAllAndWait() {
    for (const std::unique_ptr<Job>& job : m_jobs)
        job->search.cancel();
    for (const std::unique_ptr<Job>& job : m_jobs)
        job->thread->wait();
    m_jobs.clear();
    m_running = 0;
}

void StreamFindBar::updateButtons() {
    const bool canSearch = m_conn != 0 && !m_pattern->text().isEmpty();
    m_find->setEnabled(canSearch);
    m_previous->setEnabled(canSearch && !isSearching());
    m_next->setEnabled(canSearch && !isSearching());
    m_cancel->setEnabled(isSearching());
}

} // namespace sockscope
