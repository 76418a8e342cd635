// Marks that scripts run, so the stylesheet can hide no-script notices.
document.documentElement.classList.add("js");
