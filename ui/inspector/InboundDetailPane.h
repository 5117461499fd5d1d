#pragma once

#include <QSqlDatabase>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableWidget;
class QGroupBox;

namespace sb {

struct InboundRecord;

// Everything stored about one inbound request: summary, verification (with the computed
// string-to-sign when it failed), the headers as received, the body pretty-printed and the answer.
class InboundDetailPane : public QWidget
{
    Q_OBJECT
public:
    explicit InboundDetailPane(QSqlDatabase db, QWidget *parent = nullptr);

    // Reads the request by id (one indexed row) and shows it; an empty id clears the pane.
    void load(const QString &id);
    QString recordId() const { return m_id; }
    void reload() { load(m_id); }
    // A line under the title saying how the last replay went (cleared by the next load).
    void showReplayResult(const QString &text, bool ok);

Q_SIGNALS:
    void replayRequested(const QString &id);

private:
    void show(const InboundRecord &record);
    void showPlaceholder(const QString &text);
    QWidget *buildSummaryTab();
    QWidget *buildHeadersTab();

    QSqlDatabase m_db;
    QString m_id;
    QStackedWidget *m_stack;
    QLabel *m_placeholder;
    QLabel *m_title;
    QLabel *m_subtitle;
    QLabel *m_statusChip;
    QPushButton *m_replay;
    QLabel *m_replayResult;
    QTabWidget *m_tabs;
    QLabel *m_summary;
    QLabel *m_verification;
    QGroupBox *m_signatureBox;
    QPlainTextEdit *m_stringToSign;
    QLabel *m_requestLine;
    QTableWidget *m_headers;
    QLabel *m_bodyCaption;
    QPlainTextEdit *m_body;
    QLabel *m_responseCaption;
    QPlainTextEdit *m_response;
};

} // namespace sb
