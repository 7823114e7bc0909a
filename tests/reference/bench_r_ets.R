# R ets() on the holdouts of bench/bench_ets.cpp (the 48 series of series.csv), for comparison
# (not used by CI):
#   Rscript tests/reference/bench_r_ets.R
suppressMessages(library(forecast))
d <- read.csv(file.path(dirname(sub("^--file=", "", grep("^--file=", commandArgs(FALSE), value = TRUE))), "series.csv"))
h <- c("1"=6, "4"=8, "12"=18)
out <- c()
for (nm in unique(d$series)) {
  s <- d[d$series == nm, ]; f <- s$frequency[1]; hh <- h[as.character(f)]
  y <- s$value; n <- length(y) - hh
  tr <- ts(y[1:n], frequency = f)
  fc <- forecast(ets(tr), hh)$mean
  sc <- mean(abs(diff(y[1:n], lag = f)))
  out[nm] <- mean(abs(y[(n+1):length(y)] - fc)) / sc
}
cat("R ets mean MASE all", mean(out), " w/o ArgentinaCPI", mean(out[names(out) != "ArgentinaCPI"]), " geo", exp(mean(log(out))), "\n")
