# R's forecasts and fits on the M1 and Tourism competition series, made once
# with Debian's r-cran-forecast (forecast 8.20, Hyndman et al.) and kept as
# fixtures: CI and the benchmark read the CSV files, R is needed only to
# regenerate them:
#   Rscript tests/reference/forecast/make_competition_reference.R [cores] [parts]
# (parts: all (default), forecasts (r_forecasts.csv, r_fits.csv), fixed
# (r_ets_fixed.csv) or uspop)
# Reads, next to this script, <set>_series.csv and <set>_values.csv (see
# README.md) and fits each series' training part (period = frequency):
#   r_ets_fixed.csv  series,model,status,loglik,aicc,alpha,beta,gamma,phi,min_fitted,states
#                    ets(y, model, damped) for every model Kuntaplan offers
#                    (no multiplicative trend; no A error with M season), the
#                    seasonal ones only when period > 1, the M ones only for
#                    data > 0. status: ok; short (ets() does not fit the model
#                    by likelihood but falls back to HoltWinters: too few
#                    values; no row figures); error (ets() refused).
#                    min_fitted: the smallest one-step fitted value (a
#                    multiplicative error is relative to it: where it is <= 0
#                    the fit is outside Kuntaplan's region); states: the
#                    initial states l, [b], [s1 ... sm] separated by ';'.
#   r_forecasts.csv  series,method,step,mean,lo80,hi80,lo95,hi95
#                    method ets: ets(y) with its defaults (the model by AICc)
#                    and forecast(fit, h, level = c(80, 95));
#                    method theta: thetaf(y, h) (levels 80 and 95).
#   r_fits.csv       series,ets_model,ets_loglik,ets_aicc,theta_seasonal,
#                    theta_alpha,theta_drift,theta_sigma2,ets_seconds,
#                    theta_seconds (the time of ets(y) + forecast, and of thetaf)
#   uspop.csv        R's uspop (census, 1790-1970): the first 13 values fitted
#                    by ets(model = "AAN", damped = FALSE), the last 6 held out.
suppressPackageStartupMessages({ library(forecast); library(parallel) })
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))
args <- commandArgs(TRUE)
cores <- if (length(args) >= 1) as.integer(args[1]) else 2L
parts <- if (length(args) >= 2) args[2] else "all"
wanted <- function(part) parts %in% c("all", part)

num <- function(x) ifelse(is.na(x), "", sprintf("%.17g", as.numeric(x)))

read_set <- function(set) {
  s <- read.csv(file.path(here, paste0(set, "_series.csv")), stringsAsFactors = FALSE)
  v <- read.csv(file.path(here, paste0(set, "_values.csv")), stringsAsFactors = FALSE)
  v <- split(v, v$series)
  lapply(seq_len(nrow(s)), function(i) {
    r <- s[i, ]
    vals <- v[[r$series]]
    vals <- vals[order(vals$t), ]
    list(series = r$series, period = r$period, h = r$h,
         train = ts(vals$value[vals$role == "train"], frequency = r$period))
  })
}

models_for <- function(y, period) {
  codes <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN")
  if (period > 1) codes <- c(codes, "ANA", "AAA", "AAdA", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM")
  if (min(y) <= 0) codes <- codes[substr(codes, 1, 1) == "A" & substr(codes, nchar(codes), nchar(codes)) != "M"]
  codes
}

fixed_fits <- function(s) {
  y <- s$train
  rows <- character(0)
  for (code in models_for(y, s$period)) {
    damped <- grepl("d", code)
    letters3 <- sub("d", "", code)
    fit <- tryCatch(suppressWarnings(ets(y, model = letters3, damped = damped)),
                    error = function(e) e)
    if (inherits(fit, "error")) {
      rows <- c(rows, paste(s$series, code, "error", "", "", "", "", "", "", "", "", sep = ","))
    } else if (is.null(fit$loglik)) {
      # ets()'s HoltWinters fallback for too few values (its class is "ets" too)
      rows <- c(rows, paste(s$series, code, "short", "", "", "", "", "", "", "", "", sep = ","))
    } else {
      p <- fit$par
      rows <- c(rows, paste(s$series, code, "ok", num(fit$loglik), num(fit$aicc), num(p["alpha"]),
                            num(p["beta"]), num(p["gamma"]), num(p["phi"]), num(min(fitted(fit))),
                            paste(num(fit$initstate), collapse = ";"), sep = ","))
    }
  }
  rows
}

model_code <- function(fit) {
  if (!inherits(fit, "ets")) return("holtwinters")
  paste0(fit$components[1], fit$components[2], ifelse(fit$components[4] == "TRUE", "d", ""),
         fit$components[3])
}

forecasts <- function(s) {
  y <- s$train
  t0 <- proc.time()[["elapsed"]]
  fit <- ets(y)
  fe <- forecast(fit, h = s$h, level = c(80, 95))
  t_ets <- proc.time()[["elapsed"]] - t0
  t0 <- proc.time()[["elapsed"]]
  ft <- thetaf(y, h = s$h, level = c(80, 95))
  t_theta <- proc.time()[["elapsed"]] - t0
  # thetaf's own seasonality test, repeated to record its outcome
  n <- length(y); m <- s$period
  seasonal <- FALSE
  if (m > 1 && !is.constant(y) && n > 2 * m) {
    r <- as.numeric(acf(y, lag.max = m, plot = FALSE)$acf)[-1]
    stat <- sqrt((1 + 2 * sum(r[-m]^2)) / n)
    seasonal <- abs(r[m]) / stat > qnorm(0.95)
  }
  rows <- character(0)
  for (method in c("ets", "theta")) {
    f <- if (method == "ets") fe else ft
    for (i in seq_len(s$h))
      rows <- c(rows, paste(s$series, method, i, num(f$mean[i]), num(f$lower[i, 1]), num(f$upper[i, 1]),
                            num(f$lower[i, 2]), num(f$upper[i, 2]), sep = ","))
  }
  info <- paste(s$series, model_code(fit), num(if (inherits(fit, "ets")) fit$loglik else NA),
                num(if (inherits(fit, "ets")) fit$aicc else NA), as.integer(seasonal),
                num(ft$model$alpha), num(ft$model$drift), num(ft$model$sigma), num(t_ets), num(t_theta),
                sep = ",")
  list(rows = rows, info = info)
}

all_series <- c(read_set("m1"), read_set("tourism"))

if (wanted("forecasts")) {
fc <- mclapply(all_series, forecasts, mc.cores = cores)
writeLines(c("series,method,step,mean,lo80,hi80,lo95,hi95", unlist(lapply(fc, `[[`, "rows"))),
           file.path(here, "r_forecasts.csv"))
writeLines(c(paste0("series,ets_model,ets_loglik,ets_aicc,theta_seasonal,theta_alpha,theta_drift,",
                    "theta_sigma2,ets_seconds,theta_seconds"), vapply(fc, `[[`, "", "info")),
           file.path(here, "r_fits.csv"))
}

if (wanted("fixed")) {
fixed <- mclapply(all_series, fixed_fits, mc.cores = cores)
writeLines(c("series,model,status,loglik,aicc,alpha,beta,gamma,phi,min_fitted,states", unlist(fixed)),
           file.path(here, "r_ets_fixed.csv"))
}

if (wanted("uspop")) {
# uspop: 13 values to fit, 6 held out
y <- ts(as.numeric(uspop)[1:13], start = 1790, deltat = 10)
fit <- ets(y, model = "AAN", damped = FALSE)
f <- forecast(fit, h = 6, level = 95)
writeLines(c("what,index,value",
             paste("value", 1:19, num(as.numeric(uspop)), sep = ","),
             paste("parameter", c("alpha", "beta"), num(fit$par[c("alpha", "beta")]), sep = ","),
             paste("state", c("l0", "b0"), num(fit$initstate[1:2]), sep = ","),
             paste("loglik", 0, num(fit$loglik), sep = ","),
             paste("forecast", 1:6, num(f$mean), sep = ",")),
           file.path(here, "uspop.csv"))
}
cat("R", R.version.string, "forecast", as.character(packageVersion("forecast")), "\n")
