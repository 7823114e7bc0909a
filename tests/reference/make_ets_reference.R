# Regenerates the ETS reference fixtures from R's forecast package (ets(),
# Hyndman et al.; Debian r-cran-forecast 8.20) on real series shipped with R
# and with the Debian R packages forecast and AER:
#   Rscript tests/reference/make_ets_reference.R
# Writes, next to this script:
#   series.csv     series,frequency,source,t,value       (the data; also the benchmark's input)
#   ets_fixed.csv  one row per (series, model) fitted by ets(y, model = code):
#                  R's parameters, initial states, fitted values and forecasts
#                  (mean, 95 % lower and upper) — lists separated by ';'
#   ets_auto.csv   one row per series: the model ets(y) chooses, its
#                  log-likelihood and AICc
# CI reads the CSV files only; R is needed only to regenerate them.
suppressPackageStartupMessages({ library(forecast); library(AER) })
here <- dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE)))

aer <- function(name, column = NULL) {
  e <- new.env(); data(list = name, package = "AER", envir = e); x <- get(name, e)
  if (!is.null(column)) x <- x[, column]
  x
}
# name = expression; the source is recorded in series.csv.
series <- list(
  # monthly
  AirPassengers = list(AirPassengers, "R datasets"),
  nottem = list(nottem, "R datasets"),
  co2 = list(co2, "R datasets"),
  USAccDeaths = list(USAccDeaths, "R datasets"),
  ldeaths = list(ldeaths, "R datasets"),
  mdeaths = list(mdeaths, "R datasets"),
  fdeaths = list(fdeaths, "R datasets"),
  UKDriverDeaths = list(UKDriverDeaths, "R datasets"),
  Seatbelts.front = list(Seatbelts[, "front"], "R datasets (Seatbelts)"),
  Seatbelts.rear = list(Seatbelts[, "rear"], "R datasets (Seatbelts)"),
  Seatbelts.kms = list(Seatbelts[, "kms"], "R datasets (Seatbelts)"),
  Seatbelts.VanKilled = list(Seatbelts[, "VanKilled"], "R datasets (Seatbelts)"),
  Seatbelts.PetrolPrice = list(Seatbelts[, "PetrolPrice"], "R datasets (Seatbelts)"),
  gas = list(forecast::gas, "R forecast (gas)"),
  wineind = list(forecast::wineind, "R forecast (wineind)"),
  BondYield = list(aer("BondYield"), "R AER (BondYield)"),
  DutchSales = list(aer("DutchSales"), "R AER (DutchSales)"),
  PepperPrice.black = list(aer("PepperPrice", "black"), "R AER (PepperPrice)"),
  # quarterly
  UKgas = list(UKgas, "R datasets"),
  JohnsonJohnson = list(JohnsonJohnson, "R datasets"),
  austres = list(austres, "R datasets"),
  freeny.y = list(freeny.y, "R datasets"),
  woolyrnq = list(forecast::woolyrnq, "R forecast (woolyrnq)"),
  ArgentinaCPI = list(aer("ArgentinaCPI"), "R AER (ArgentinaCPI)"),
  GermanUnemployment = list(aer("GermanUnemployment", "unadjusted"), "R AER (GermanUnemployment)"),
  UKNonDurables = list(aer("UKNonDurables"), "R AER (UKNonDurables)"),
  USProdIndex = list(aer("USProdIndex", "unadjusted"), "R AER (USProdIndex)"),
  USMacroG.gdp = list(aer("USMacroG", "gdp"), "R AER (USMacroG)"),
  USMacroG.unemp = list(aer("USMacroG", "unemp"), "R AER (USMacroG)"),
  UKInflation = list(aer("UKInflation", "actual"), "R AER (UKInflation)"),
  OrangeCounty.employment = list(aer("OrangeCounty", "employment"), "R AER (OrangeCounty)"),
  USMoney.m1 = list(aer("USMoney", "m1"), "R AER (USMoney)"),
  # yearly
  lynx = list(lynx, "R datasets"),
  Nile = list(Nile, "R datasets"),
  LakeHuron = list(LakeHuron, "R datasets"),
  airmiles = list(airmiles, "R datasets"),
  discoveries = list(discoveries, "R datasets"),
  nhtemp = list(nhtemp, "R datasets"),
  sunspot.year = list(sunspot.year, "R datasets"),
  WWWusage = list(WWWusage, "R datasets"),
  BJsales = list(BJsales, "R datasets"),
  lh = list(lh, "R datasets"),
  ChinaIncome.agriculture = list(aer("ChinaIncome", "agriculture"), "R AER (ChinaIncome)"),
  ChinaIncome.industry = list(aer("ChinaIncome", "industry"), "R AER (ChinaIncome)"),
  USConsump1993.income = list(aer("USConsump1993", "income"), "R AER (USConsump1993)"),
  MotorCycles2 = list(aer("MotorCycles2"), "R AER (MotorCycles2)"),
  USGasG.gas = list(aer("USGasG", "gas"), "R AER (USGasG)"),
  ConsumerGood.price = list(aer("ConsumerGood", "price"), "R AER (ConsumerGood)")
)

num <- function(x) paste(sprintf("%.17g", as.numeric(x)), collapse = ";")
code <- function(fit) paste0(fit$components[1], fit$components[2],
                             ifelse(fit$components[4] == "TRUE", "d", ""), fit$components[3])

rows <- list()
for (name in names(series)) {
  y <- series[[name]][[1]]
  rows[[name]] <- data.frame(series = name, frequency = frequency(y), source = series[[name]][[2]],
                             t = seq_along(y), value = sprintf("%.17g", as.numeric(y)))
}
write.csv(do.call(rbind, rows), file.path(here, "series.csv"), row.names = FALSE, quote = TRUE)

fixed_series <- c("AirPassengers", "USAccDeaths", "UKgas", "JohnsonJohnson", "nottem", "ldeaths",
                  "austres", "woolyrnq", "Nile", "LakeHuron", "lynx", "airmiles", "WWWusage", "BJsales",
                  "UKDriverDeaths", "freeny.y", "wineind", "UKNonDurables", "nhtemp", "USMacroG.unemp")
fixed <- list()
for (name in fixed_series) {
  y <- series[[name]][[1]]
  m <- frequency(y)
  models <- c("ANN", "AAN", "AAdN", "MNN", "MAN", "MAdN")
  if (m > 1) models <- c(models, "ANA", "AAA", "AAdA", "MNA", "MAA", "MAdA", "MNM", "MAM", "MAdM")
  for (model in models) {
    damped <- grepl("d", model)
    spec <- sub("d", "", model)
    if (substr(spec, 1, 1) == "M" && min(y) <= 0) next
    fit <- tryCatch(ets(y, model = spec, damped = damped), error = function(e) NULL)
    if (is.null(fit) || is.null(fit$loglik)) next
    h <- max(2 * m, 8)
    fc <- forecast(fit, h = h, level = 95)
    p <- fit$par
    fixed[[length(fixed) + 1]] <- data.frame(
      series = name, model = model, period = m,
      alpha = p["alpha"], beta = ifelse(is.na(p["beta"]), 0, p["beta"]),
      gamma = ifelse(is.na(p["gamma"]), 0, p["gamma"]), phi = ifelse(is.na(p["phi"]), 1, p["phi"]),
      loglik = sprintf("%.17g", fit$loglik), sigma2 = sprintf("%.17g", fit$sigma2),
      states = num(fit$initstate), fitted = num(fit$fitted), mean = num(fc$mean),
      lower = num(fc$lower[, 1]), upper = num(fc$upper[, 1]))
  }
}
fixed <- do.call(rbind, fixed)
fixed$alpha <- sprintf("%.17g", fixed$alpha)
fixed$beta <- sprintf("%.17g", fixed$beta)
fixed$gamma <- sprintf("%.17g", fixed$gamma)
fixed$phi <- sprintf("%.17g", fixed$phi)
write.csv(fixed, file.path(here, "ets_fixed.csv"), row.names = FALSE, quote = TRUE)

auto <- list()
for (name in names(series)) {
  y <- series[[name]][[1]]
  fit <- ets(y)
  auto[[name]] <- data.frame(series = name, period = frequency(y), model = code(fit),
                             loglik = sprintf("%.17g", fit$loglik),
                             aicc = sprintf("%.17g", fit$aicc))
}
write.csv(do.call(rbind, auto), file.path(here, "ets_auto.csv"), row.names = FALSE, quote = TRUE)
cat("series:", length(series), " fixed fits:", nrow(fixed), "\n")
