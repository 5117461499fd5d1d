#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace sb {

class NgrokDetector;
class Runtime;

// Where the server listens and how providers reach it: listen address (the server restarts in
// place), public URL with ngrok detection, and the outbound URL policy.
class ServerSettingsPage : public QWidget
{
    Q_OBJECT
public:
    explicit ServerSettingsPage(Runtime &runtime, QWidget *parent = nullptr);

    NgrokDetector *ngrok() const { return m_ngrok; }

public Q_SLOTS:
    bool applyListen();
    bool savePublicUrl();
    void detectNgrok();

Q_SIGNALS:
    // The server listens somewhere else now, or providers reach it through another URL.
    void serverChanged();

private:
    QWidget *buildServer();
    QWidget *buildPublicUrl();
    QWidget *buildPolicy();
    bool restart(const QString &listen, const QString &publicUrl, QLabel *feedback);
    // Whose X-Forwarded-* headers the server believes now, and why.
    QString trustedProxiesText() const;

    Runtime &m_runtime;
    QLineEdit *m_listen;
    QLabel *m_listenFeedback;
    QLineEdit *m_publicUrl;
    QLabel *m_publicUrlFeedback;
    QLabel *m_trustedProxies;
    QPushButton *m_detect;
    QComboBox *m_policy;
    QLabel *m_policyFeedback;
    NgrokDetector *m_ngrok;
};

} // namespace sb
